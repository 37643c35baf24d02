/** The lab's one screen, laid out for a 1920x1080 projector: the lesson on the left, the run on the right. */
import { AppHeader } from './components/app-header';
import { ConnectionBanner } from './components/banners';
import { Controls } from './components/controls';
import { CoresPanel } from './components/cores-panel';
import { ExportDialog } from './components/export-dialog';
import { FiguresStrip } from './components/figures-strip';
import { HelpOverlay } from './components/help-overlay';
import { LessonList } from './components/lesson-list';
import { LessonView } from './components/lesson-view';
import { LockTimeline } from './components/lock-timeline';
import { ResultsPanel } from './components/results-panel';
import { useEffect } from 'react';
import { coreAdvice } from '../../shared/core-advice';
import { explainRun, predictionVerdict } from '../../lessons/catalogue';
import { useFit } from './lib/fit';
import { useTheme } from './lib/theme';
import { runResults } from './state/session';
import { useLab } from './state/use-lab';
import { useStage } from './state/use-stage';

/** Wires the lab model into the panels; holds no state of its own beyond the theme and the stage's overlays. */
export function App() {
  const lab = useLab();
  const stage = useStage(lab);
  const [theme, changeTheme] = useTheme();
  const fit = useFit();
  const savedTheme = lab.preferences?.theme;
  // The host remembers the theme across launches (the browser edition's page storage does not).
  useEffect(() => {
    if (savedTheme) changeTheme(savedTheme);
  }, [savedTheme, changeTheme]);
  const toggleTheme = (): void => lab.remember({ theme: changeTheme() });
  const controlError = lab.request.ok ? lab.hzError : lab.request.error;
  const { session, shown } = lab;
  const index = lab.experiments.findIndex((e) => e.id === lab.selected.id);
  const live = shown !== null && shown.runId === session.runId && shown.outcome === 'running';
  const shownTrace = lab.archive.get(shown?.runId ?? null) ?? null;
  const recordedTrace = lab.viewing !== null ? lab.archive.get(lab.viewing) : undefined;
  const recordedRun = lab.viewing !== null ? session.runs.find((r) => r.runId === lab.viewing) : undefined;
  // Timelines and cores of the latest run carry a "Back to latest" only once the user went back in time.
  const past = lab.viewing !== null;
  // The lesson column explains the run shown if it is this lesson's, else this lesson's latest.
  const lessonRun = shown?.experiment === lab.selected.id ? shown : ([...session.runs].reverse().find((r) => r.experiment === lab.selected.id) ?? null);
  const lessonResults = runResults(session.results, lessonRun?.runId ?? null);
  const shownResults = runResults(session.results, shown?.runId ?? null);
  const outcome = lessonRun
    ? {
        runNumber: lessonRun.number,
        running: lessonRun.outcome === 'running',
        prediction: lessonRun.outcome === 'running' ? null : predictionVerdict(lab.selected, lessonRun.prediction, lessonResults),
        sentences: explainRun(lab.selected, lessonResults, lab.cores),
      }
    : null;
  const shownLesson = lab.experiments.find((e) => e.id === shown?.experiment) ?? lab.selected;
  return (
    <>
    <div className="app" style={{ ['--fit' as string]: fit }} data-fit={fit.toFixed(3)} data-presentation={stage.presentation ? 'on' : 'off'}>
      <ConnectionBanner state={lab.connection} />
      <AppHeader
        machine={lab.machine}
        theme={theme}
        presentation={stage.presentation}
        onToggleTheme={toggleTheme}
        onTogglePresentation={stage.togglePresentation}
        onExport={() => stage.setOverlay('export')}
        onHelp={() => stage.setOverlay('help')}
      />
      <main className="layout">
        <div className="column-left">
          <LessonList experiments={lab.experiments} selectedId={lab.selected.id} progress={lab.progress} onSelect={lab.select} />
          <LessonView
            experiment={lab.selected}
            number={index + 1}
            total={lab.experiments.length}
            prediction={lab.progress.lessons[lab.selected.id]?.prediction ?? null}
            locked={lab.busy}
            onPredict={(prediction) => lab.predict(lab.selected.id, prediction)}
            outcome={outcome}
            advice={coreAdvice(lab.selected, lab.cores)}
            tab={lab.lessonTab}
            onTab={lab.setLessonTab}
          />
        </div>
        <div className="column-right">
          {stage.presentation ? <FiguresStrip results={shownResults} number={shown?.number ?? null} history={lab.history} cores={lab.cores} /> : null}
          <Controls
            experiment={lab.selected}
            values={lab.controls}
            onChange={lab.setControls}
            cores={lab.cores}
            error={controlError}
            serverError={lab.error}
            onDismissServerError={lab.dismissError}
            busy={lab.busy}
            connected={lab.connection !== 'lost'}
            session={session}
            onRun={lab.run}
            onCancel={lab.cancel}
          />
          <CoresPanel
            history={lab.history}
            cores={lab.cores}
            theme={theme}
            measuring={session.step !== null}
            trace={live ? shownTrace : null}
            recorded={recordedTrace && recordedRun ? { trace: recordedTrace, number: recordedRun.number } : null}
            onLive={() => lab.view(null)}
            hzText={lab.hzText}
            onHzText={lab.setHzText}
          />
          <LockTimeline
            archive={lab.archive}
            run={shown}
            running={live && session.step !== null && session.mode !== null ? { step: session.step, mode: session.mode } : null}
            results={shownResults}
            past={past}
            onLive={() => lab.view(null)}
            theme={theme}
          />
          <ResultsPanel
            runs={session.runs}
            results={session.results}
            experiments={lab.experiments}
            selected={lab.selected}
            shown={shown}
            onView={lab.view}
            archive={lab.archive}
            cores={lab.cores}
            theme={theme}
          />
        </div>
      </main>
    </div>
    {stage.overlay === 'help' ? (
      <div className="overlay-zoom" style={{ ['--fit' as string]: fit }}>
        <HelpOverlay onClose={() => stage.setOverlay(null)} />
      </div>
    ) : null}
    {stage.overlay === 'export' ? (
      <div className="overlay-zoom" style={{ ['--fit' as string]: fit }}>
        <ExportDialog
          api={lab.api}
          desktop={lab.desktop}
          machine={lab.machine}
          runs={session.runs}
          results={session.results}
          archive={lab.archive}
          shown={shown}
          lesson={shownLesson.title}
          theme={theme}
          onClose={() => stage.setOverlay(null)}
        />
      </div>
    ) : null}
    </>
  );
}
