/** The lab's one screen, laid out for a 1920x1080 projector: lesson on the left, the run on the right. */
import { AppHeader } from './components/app-header';
import { ConnectionBanner } from './components/banners';
import { Controls } from './components/controls';
import { CoresPanel } from './components/cores-panel';
import { LessonList } from './components/lesson-list';
import { LessonView } from './components/lesson-view';
import { LockTimeline } from './components/lock-timeline';
import { ResultsPanel } from './components/results-panel';
import { useTheme } from './lib/theme';
import { toNumber } from './state/controls';
import { useLab } from './state/use-lab';

/** Wires the lab model into the panels; holds no state of its own beyond the theme. */
export function App() {
  const lab = useLab();
  const [theme, toggleTheme] = useTheme();
  const workers = toNumber(lab.controls.workers);
  const controlError = lab.request.ok ? lab.hzError : lab.request.error;
  return (
    <div className="app">
      <ConnectionBanner state={lab.connection} />
      <AppHeader machine={lab.machine} theme={theme} onToggleTheme={toggleTheme} />
      <main className="layout">
        <div className="column-left">
          <LessonList experiments={lab.experiments} selectedId={lab.selected.id} onSelect={lab.select} />
          <LessonView
            experiment={lab.selected}
            workers={Number.isInteger(workers) && workers > 0 ? workers : null}
            prediction={lab.predictions[lab.selected.id]}
            locked={lab.busy}
            onPredict={(speedup) => lab.predict(lab.selected.id, speedup)}
          />
        </div>
        <div className="column-right">
          <Controls
            experiment={lab.selected}
            values={lab.controls}
            onChange={lab.setControls}
            cores={lab.cores}
            hzText={lab.hzText}
            onHzText={lab.setHzText}
            error={controlError}
            serverError={lab.error}
            onDismissServerError={lab.dismissError}
            busy={lab.busy}
            connected={lab.connection !== 'lost'}
            session={lab.session}
            onRun={lab.run}
            onCancel={lab.cancel}
          />
          <CoresPanel history={lab.history} cores={lab.cores} theme={theme} measuring={lab.session.mode !== null} />
          <LockTimeline store={lab.timeline} runningMode={lab.session.mode} results={lab.session.results} theme={theme} />
          <ResultsPanel runs={lab.session.runs} results={lab.session.results} experiments={lab.experiments} theme={theme} />
        </div>
      </main>
    </div>
  );
}
