/**
 * What the panels read, derived from the lab's state in one place each: which lesson is open,
 * which run is shown (and which run the lesson column explains), whether the engine is busy, the
 * request Run would send. Pure functions of LabState, so "which run is shown" has one answer.
 */
import type { Experiment } from '../../../shared/experiments';
import { explainRun, predictionVerdict } from '../../../lessons/catalogue';
import type { ModeResult } from '../../../shared/results';
import type { RunRequest } from '../../../shared/schemas';
import { checkHz, checkRequest, type Checked } from './controls';
import type { LabState } from './lab-state';
import { compareSentences, explainable } from '../../../shared/side-by-side';
import { isBusy, runResults, type RunRecord } from './session';
import { engineFor } from './python-choice';

/** The lesson open on the left; the first one if the id is not in the course (any more). */
export const selectedLesson = (state: LabState): Experiment =>
  state.experiments.find((e) => e.id === state.selectedId) ?? (state.experiments[0] as Experiment);

/** A lesson by id, if the course has it. */
export const lessonById = (state: LabState, id: string | undefined): Experiment | undefined => state.experiments.find((e) => e.id === id);

/** Logical cores of the machine: the host's count once it answered, the page's until then. */
export const coreCount = (state: LabState): number => state.machine?.logicalCores ?? state.pageCores;

/** A run occupies the engine (Run is disabled, Cancel shown, the prediction locked). */
export const busy = (state: LabState): boolean => isBusy(state.session.phase);

/** The request Run would send, or the sentence saying what to fix. */
export const runRequest = (state: LabState): Checked<RunRequest> => {
  const lesson = selectedLesson(state);
  return checkRequest(lesson, state.controls, coreCount(state), engineFor(state.python, lesson));
};

/** The sampling rate as typed, checked. */
export const sampleHz = (state: LabState): Checked<number> => checkHz(state.hzText);

/** The sampling rate to ask the engine for, or null while the field holds no valid rate. */
export const validHz = (state: LabState): number | null => {
  const hz = sampleHz(state);
  return hz.ok ? hz.value : null;
};

/** The problem shown beside the controls: the request's first, then the sampling rate's. */
export function controlError(state: LabState): string | null {
  const request = runRequest(state);
  if (!request.ok) return request.error;
  const hz = sampleHz(state);
  return hz.ok ? null : hz.error;
}

/** The latest run of a lesson this session, or null. */
export function latestRunOf(state: LabState, experiment: string): RunRecord | null {
  const { runs } = state.session;
  for (let i = runs.length - 1; i >= 0; i--) if ((runs[i] as RunRecord).experiment === experiment) return runs[i] as RunRecord;
  return null;
}

/** The run going now, if any. */
export function currentRun(state: LabState): RunRecord | null {
  const run = state.session.runs.find((r) => r.runId === state.session.runId);
  return run?.outcome === 'running' ? run : null;
}

/** The past run brought back, unless a run is going (the panels then follow it). */
export const viewingRunId = (state: LabState): string | null => (busy(state) ? null : state.viewing);

/** The run the panels show: the one going, else the one brought back, else the open lesson's latest. */
export function shownRun(state: LabState): RunRecord | null {
  const current = currentRun(state);
  if (current) return current;
  const picked = state.viewing !== null ? state.session.runs.find((r) => r.runId === state.viewing) : undefined;
  return picked ?? latestRunOf(state, selectedLesson(state).id);
}

/** The run shown is the one going: its lanes and timeline follow the engine. */
export function shownIsLive(state: LabState): boolean {
  const shown = shownRun(state);
  return shown !== null && shown.runId === state.session.runId && shown.outcome === 'running';
}

/** The id of the step running now in the run shown, or null. */
export function runningStepId(state: LabState): string | null {
  return shownIsLive(state) ? state.session.stepId : null;
}

/** The run the lesson column explains: the run shown if it is this lesson's, else this lesson's latest. */
export function lessonRun(state: LabState): RunRecord | null {
  const shown = shownRun(state);
  const lesson = selectedLesson(state).id;
  return shown?.experiment === lesson ? shown : latestRunOf(state, lesson);
}

/** The results of a run, in the order they were measured. */
export const resultsOf = (state: LabState, run: RunRecord | null): ModeResult[] => runResults(state.session.results, run?.runId ?? null);

/** What the lesson's latest (or chosen) run said. */
export interface LessonOutcome {
  runNumber: number;
  /** Still measuring: sentences arrive as steps finish. */
  running: boolean;
  /** The prediction checked against the run, once it ended. */
  prediction: string | null;
  sentences: string[];
}

/** The lesson column's account of its run, or null before the lesson has one. */
export function lessonOutcome(state: LabState): LessonOutcome | null {
  const run = lessonRun(state);
  if (!run) return null;
  const lesson = selectedLesson(state);
  const results = resultsOf(state, run);
  const running = run.outcome === 'running';
  return {
    runNumber: run.number,
    running,
    prediction: running ? null : predictionVerdict(lesson, run.prediction, explainable(results)),
    // The lesson's own sentences, then where the simulation and the real interpreter agree and differ.
    sentences: [...explainRun(lesson, explainable(results), coreCount(state)), ...compareSentences(results, 0.15, lesson.metrics, coreCount(state))],
  };
}
