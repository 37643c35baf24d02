/**
 * The real-CPython part of a lab run: the lesson's own Python on the chosen interpreter, streamed
 * as the same RunEvents as the simulation's steps (same run id) so every panel takes them in. Each
 * real step carries its own id and label (shared/side-by-side.ts) and the interpreter, and gets
 * its machine's cores busy from the lab's sampler over the step's span, as a simulated step does.
 */
import type { Experiment } from '../../shared/experiments';
import { LIMITS } from '../../shared/limits';
import type { PythonRun } from '../../shared/python-schemas';
import type { ModeResult, RunEvent, StepName } from '../../shared/results';
import type { RunRequest } from '../../shared/schemas';
import { realStepId, realStepLabel } from '../../shared/side-by-side';
import { coresBusyDuring } from '../../shared/stats';
import type { Sampler } from '../sampler';
import type { CpythonEvent } from './cpython-run';

export interface RealPhaseOptions {
  runId: string;
  experiment: Experiment;
  request: RunRequest;
  python: PythonRun;
  sampler: Sampler;
  signal: AbortSignal;
  emit: (event: RunEvent) => void;
  /** Runs the harness (CpythonEngine.run), reporting what it sees as it goes. */
  run: (signal: AbortSignal, onEvent: (event: CpythonEvent) => void) => Promise<ModeResult[]>;
}

/** A real step's result as the run reports it: its own id and label, the run's id, cores busy filled in. */
export function asRunResult(result: ModeResult, runId: string, coresBusy: number | null): ModeResult {
  return { ...result, runId, stepId: realStepId(result.stepId), step: realStepLabel(result.step), coresBusy };
}

/** The real phase's steps: the simulation's, but those the lesson's Python cannot measure, under real ids and labels. */
export function realPlan(experiment: Pick<Experiment, 'realOmits'>, simulated: readonly StepName[]): StepName[] {
  const omitted = new Set(experiment.realOmits ?? []);
  return simulated.filter((s) => !omitted.has(s.id)).map((s) => ({ id: realStepId(s.id), label: realStepLabel(s.label) }));
}

export async function runRealPhase(options: RealPhaseOptions): Promise<ModeResult[]> {
  const { runId, python, sampler, signal, emit } = options;
  const results: ModeResult[] = [];
  // Epoch ms when each step's start reached the lab; its end is when its result did.
  const startedAt = new Map<string, number>();
  const pending: Promise<void>[] = [];
  const finished = async (result: ModeResult): Promise<void> => {
    const doneAt = Date.now();
    // The sample covering the step's end arrives up to one sampling period later.
    await sampler.nextSampleAfter(doneAt, 1000 / LIMITS.sampleHz.min + 200, signal);
    const goAt = Math.max(startedAt.get(result.stepId) ?? doneAt - result.wallMs, doneAt - result.wallMs);
    const shown = asRunResult(result, runId, coresBusyDuring(sampler.samplesSince(goAt - 2000), goAt, doneAt));
    results.push(shown);
    emit({ type: 'mode-finished', runId, result: shown });
  };
  const onEvent = (event: CpythonEvent): void => {
    if (event.type === 'cpython-step-started') {
      const now = Date.now();
      startedAt.set(event.stepId, now);
      emit({ type: 'mode-started', runId, stepId: realStepId(event.stepId), step: realStepLabel(event.step), mode: event.mode, workers: event.workerLabels.length, workerLabels: event.workerLabels, startedAt: now, spawnToGoMs: 0, python });
    } else if (event.type === 'cpython-timeline') {
      const mode = modeOf.get(event.stepId);
      if (mode) emit({ type: 'timeline', runId, stepId: realStepId(event.stepId), step: realStepLabel(event.step), mode, segments: event.segments });
    } else if (event.type === 'cpython-step-finished') {
      pending.push(finished(event.result));
    }
  };
  // Timeline batches carry no mode; it comes from the step's start.
  const modeOf = new Map<string, ModeResult['mode']>();
  await options.run(signal, (event) => {
    if (event.type === 'cpython-step-started') modeOf.set(event.stepId, event.mode);
    onEvent(event);
  });
  await Promise.all(pending);
  return results;
}
