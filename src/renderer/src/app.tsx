/** The lab's one screen, laid out for a 1920x1080 projector: the lesson on the left, the run on the right. */
import { useEffect, useState } from 'react';
import { coreAdvice } from '../../shared/core-advice';
import { getConnection } from './api/get-api';
import { connectionDown } from './api/ws-client';
import { AppHeader } from './components/app-header';
import { ConnectionBanner } from './components/banners';
import { Controls } from './components/controls';
import { CoresPanel } from './components/cores-panel';
import { ExportDialog } from './components/export-dialog';
import { FiguresStrip } from './components/figures-strip';
import { useStageFit } from './components/fit';
import { HelpOverlay } from './components/help-overlay';
import { LessonList } from './components/lesson-list';
import { LessonView } from './components/lesson-view';
import { LockTimeline } from './components/lock-timeline';
import { ResultsPanel } from './components/results-panel';
import { RoomPanel } from './components/room-panel';
import { PythonChooser } from './components/python-chooser';
import { StageBar } from './components/stage-bar';
import { useKeys } from './components/use-keys';
import { useLook } from './drawing/look';
import { createLabStore, thisPage } from './store/lab-store';
import * as select from './store/selectors';
import { engineFor, steadyBaselineOffered } from './store/python-choice';
import { shownTab } from './store/timeline-tabs';
import { useLabState } from './store/use-lab-state';

/**
 * Wires the store into the panels; holds no state of its own. The store is made here, not at load,
 * so the error boundary's "Try again" starts a fresh session, as it says.
 */
export function App() {
  const [store] = useState(() => createLabStore(getConnection(), thisPage()));
  useEffect(() => store.start(), [store]);
  useKeys(store);
  const state = useLabState(store);
  // The theme and mode as drawn now: an export redraws the lab in the picture's theme for a moment.
  const { theme, presentation } = useLook();
  const { fit, userZoom, scroll } = useStageFit();
  const { session, experiments } = state;
  const { archive, history } = store;
  const selected = select.selectedLesson(state);
  const cores = select.coreCount(state);
  const busy = select.busy(state);
  const shown = select.shownRun(state);
  const live = select.shownIsLive(state);
  const viewing = select.viewingRunId(state);
  const shownResults = select.resultsOf(state, shown);
  const recordedTrace = viewing !== null ? archive.get(viewing) : undefined;
  const recordedRun = viewing !== null ? session.runs.find((r) => r.runId === viewing) : undefined;
  const shownLesson = select.lessonById(state, shown?.experiment) ?? selected;
  return (
    <>
    <div className="app" style={{ ['--fit' as string]: fit }} data-fit={fit.toFixed(3)} data-user-zoom={userZoom.toFixed(2)} data-scroll={scroll ? 'on' : 'off'} data-presentation={presentation ? 'on' : 'off'}>
      <ConnectionBanner state={state.connection} />
      <AppHeader
        machine={state.machine}
        theme={theme}
        presentation={presentation}
        onToggleTheme={store.toggleTheme}
        onTogglePresentation={store.togglePresentation}
        onExport={() => store.setOverlay('export')}
        onHelp={() => store.setOverlay('help')}
      >
        <PythonChooser choice={state.python} lesson={selected} busy={busy} onChoose={store.choosePython} onEngine={store.setEngine} onAdd={store.addPython} />
      </AppHeader>
      <main className="layout">
        <div className="column-left">
          <LessonList experiments={experiments} selectedId={selected.id} progress={state.progress} onSelect={store.select} />
          <LessonView
            experiment={selected}
            number={experiments.findIndex((e) => e.id === selected.id) + 1}
            total={experiments.length}
            prediction={state.progress.lessons[selected.id]?.prediction ?? null}
            locked={busy}
            onPredict={(prediction) => store.predict(selected.id, prediction)}
            outcome={select.lessonOutcome(state)}
            advice={coreAdvice(selected, cores)}
            tab={state.lessonTab}
            onTab={store.setLessonTab}
            runsOnCpython={engineFor(state.python, selected).engine !== 'lab'}
          />
        </div>
        <div className="column-right">
          {presentation ? <FiguresStrip results={shownResults} number={shown?.number ?? null} history={history} cores={cores} /> : null}
          <Controls
            experiment={selected}
            values={state.controls}
            onChange={store.setControls}
            cores={cores}
            error={select.controlError(state)}
            serverError={state.error}
            onDismissServerError={store.dismissError}
            busy={busy}
            connected={!connectionDown(state.connection)}
            session={session}
            onRun={store.run}
            onCancel={store.cancel}
            steadyBaseline={steadyBaselineOffered(state.python, selected) ? { on: state.python.steadyBaseline, onChange: store.setSteadyBaseline } : null}
          />
          <CoresPanel
            history={history}
            cores={cores}
            theme={theme}
            measuring={session.stepId !== null}
            trace={live ? (archive.get(shown?.runId ?? null) ?? null) : null}
            recorded={recordedTrace && recordedRun ? { trace: recordedTrace, number: recordedRun.number } : null}
            onLive={() => store.view(null)}
            hzText={state.hzText}
            onHzText={store.setHzText}
            stage={store.stage}
            archive={archive}
          />
          {/* The room's chart takes the timeline's and the results' place: one slide, legible from the back. */}
          {state.room.open ? null : (
          <LockTimeline
            archive={archive}
            run={shown}
            runningId={select.runningStepId(state)}
            picked={state.timelinePick?.stepId ?? null}
            onPick={store.pickStep}
            results={shownResults}
            // Timelines and cores of the latest run carry a "Back to latest" only once the user went back in time.
            past={viewing !== null}
            onLive={() => store.view(null)}
            theme={theme}
            stage={store.stage}
          />
          )}
          <StageBar stage={store.stage} archive={archive} run={shown} live={live} roomOpen={state.room.open} onRoom={store.openRoom} />
          {state.room.open ? (
            <RoomPanel room={state.room} theme={theme} onFiles={store.addRoomFiles} onClear={store.clearRoom} onClose={() => store.openRoom(false)} />
          ) : (
          <ResultsPanel
            runs={session.runs}
            results={session.results}
            experiments={experiments}
            selected={selected}
            shown={shown}
            onView={store.view}
            archive={archive}
            cores={cores}
            theme={theme}
          />
          )}
        </div>
      </main>
    </div>
    {state.overlay === 'help' ? (
      <div className="overlay-zoom" style={{ ['--fit' as string]: fit }}>
        <HelpOverlay shortcuts={state.shortcuts} onShortcuts={store.setShortcuts} onClose={() => store.setOverlay(null)} />
      </div>
    ) : null}
    {state.overlay === 'export' ? (
      <div className="overlay-zoom" style={{ ['--fit' as string]: fit }}>
        <ExportDialog
          api={store.api}
          desktop={state.desktop}
          machine={state.machine}
          runs={session.runs}
          results={session.results}
          archive={archive}
          shown={shown}
          lesson={shownLesson.title}
          timelineStep={() => {
            const tab = shownTab(store.getState(), archive);
            return tab ? { stepId: tab.stepId, step: tab.step, mode: tab.mode } : null;
          }}
          theme={theme}
          working={state.exporting}
          onWorking={store.setExporting}
          onClose={() => store.setOverlay(null)}
        />
      </div>
    ) : null}
    </>
  );
}
