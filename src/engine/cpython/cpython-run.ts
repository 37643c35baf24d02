/**
 * Runs one lesson's own Python code on a real interpreter and reports it as the lab's results:
 * the same ModeResult shape as the simulation, marked `engine: 'cpython'` with the interpreter
 * that produced it. What CPython cannot show from inside (time waiting for the GIL, forced
 * switches, per-worker GIL counters) stays zero or empty rather than guessed.
 */
import { randomUUID } from 'node:crypto';
import { MODES, type Experiment, type Mode } from '../../shared/experiments';
import { hasRealCounterpart, realLessonRefusal, type HarnessStepFinished, type PythonRun, type RealTimelineSegment } from '../../shared/python-schemas';
import type { ModeResult } from '../../shared/results';
import { MAX_RUN_SECONDS } from '../../shared/run-estimate';
import type { RunRequest } from '../../shared/schemas';
import { realIntervalFinding } from '../../shared/os-timing';
import { LabError } from '../errors';
import { intervalsAround } from '../../shared/switch-intervals';
import { runHarness } from './harness-process';
import type { PythonFiles } from './python-files';

/** What a CPython run streams while it goes, for a host that draws or prints it. */
export type CpythonEvent =
  | { type: 'cpython-calibrated'; perMs: number; gapMs: number }
  | { type: 'cpython-step-started'; stepId: string; step: string; mode: Mode; workerLabels: string[] }
  | { type: 'cpython-timeline'; stepId: string; step: string; segments: RealTimelineSegment[] }
  | { type: 'cpython-step-finished'; result: ModeResult };

export interface CpythonRunOptions {
  experiment: Experiment;
  request: RunRequest;
  python: PythonRun;
  files: PythonFiles;
  cores: number;
  signal: AbortSignal;
  onEvent?: (event: CpythonEvent) => void;
  runId?: string;
}

const asMode = (mode: string): Mode => ((MODES as readonly string[]).includes(mode) ? (mode as Mode) : 'threads');

/** The harness's command line, built from a validated request: numbers and known ids only. */
export function harnessArgs(experiment: Experiment, request: RunRequest, cores: number): string[] {
  return [
    '--lesson', experiment.id,
    '--workers', String(request.workers),
    '--seconds', String(request.seconds),
    '--switch-ms', String(request.switchMs),
    '--modes', (request.modes ?? []).join(','),
    '--intervals', intervalsAround(request.switchMs).join(','),
    '--cores', String(cores),
    ...(request.baselineEachStep ? ['--baseline-each-step'] : []),
  ];
}

/** A step that measured what the OS kept of the interval carries it, and its turns read by it. */
function realFindings(line: HarnessStepFinished): Pick<ModeResult, 'osTiming' | 'findings'> {
  if (!line.osTiming) return {};
  const figure = (key: string): number | null => line.metrics[key] ?? null;
  const interval = realIntervalFinding({ intervalMs: line.osTiming.intervalMs, medianHoldMs: figure('medianHoldMs'), meanHoldMs: figure('meanHoldMs') }, line.osTiming);
  return { osTiming: line.osTiming, ...(interval ? { findings: { interval } } : {}) };
}

export function toModeResult(line: HarnessStepFinished, segments: readonly RealTimelineSegment[], base: { runId: string; experiment: Experiment; python: PythonRun }): ModeResult {
  const runningMs = segments.reduce((sum, s) => sum + (s.end - s.start), 0);
  return {
    runId: base.runId,
    experiment: base.experiment.id,
    stepId: line.stepId,
    step: line.step,
    mode: asMode(line.mode),
    task: base.experiment.task,
    workers: line.workers,
    tasks: line.tasks,
    taskSeconds: line.taskSeconds,
    switchMs: line.switchMs,
    wallMs: line.wallMs,
    startupMs: line.startupMs,
    speedup: line.speedup,
    // CPU time of the step's own threads (the harness process) or worker processes, over its wall time.
    coresUsed: line.cpuMs !== null && line.cpuMs !== undefined && line.wallMs > 0 ? line.cpuMs / line.wallMs : null,
    // Filled by the caller that watches the sampler (the Lab); the harness cannot see other programs.
    coresBusy: null,
    // Turns seen from the threads' own clocks: a change of the running thread.
    gilSwitches: line.switches,
    forcedSwitches: 0,
    holdMs: runningMs,
    waitMs: 0,
    ioMs: 0,
    violations: 0,
    perWorker: [],
    metrics: line.metrics,
    ...realFindings(line),
    finishedAt: new Date().toISOString(),
    engine: 'cpython',
    // Exactly the four facts an export needs; how it was found is the list's business.
    python: { executable: base.python.executable, version: base.python.version, freeThreaded: base.python.freeThreaded, gilEnabled: base.python.gilEnabled },
  };
}

export async function runOnCpython(options: CpythonRunOptions): Promise<ModeResult[]> {
  const { experiment, request, python, files, cores, signal } = options;
  if (!hasRealCounterpart(experiment.id)) throw new LabError(`"${experiment.id}" has no real-CPython counterpart yet; run it with --engine lab.`);
  const refusal = realLessonRefusal(experiment, python);
  if (refusal) throw new LabError(refusal);
  const runId = options.runId ?? randomUUID();
  const results: ModeResult[] = [];
  // By step id: the harness names each step by the id the simulated lesson gives it.
  const segmentsOf = new Map<string, RealTimelineSegment[]>();
  const labelOf = new Map<string, string>();
  const emit = options.onEvent ?? (() => undefined);
  await runHarness({
    python: python.executable,
    script: files.harness,
    args: harnessArgs(experiment, request, cores),
    signal,
    timeoutMs: MAX_RUN_SECONDS * 2 * 1000 + 60_000,
    onLine: (line) => {
      if (line.type === 'calibrated') emit({ type: 'cpython-calibrated', perMs: line.perMs, gapMs: line.gapMs });
      else if (line.type === 'step-started') {
        labelOf.set(line.stepId, line.step);
        emit({ type: 'cpython-step-started', stepId: line.stepId, step: line.step, mode: asMode(line.mode), workerLabels: line.labels });
      } else if (line.type === 'segments') {
        const segments = line.segments.map((s): RealTimelineSegment => ({ ...s, state: 'cpython-running' }));
        segmentsOf.set(line.stepId, [...(segmentsOf.get(line.stepId) ?? []), ...segments]);
        emit({ type: 'cpython-timeline', stepId: line.stepId, step: labelOf.get(line.stepId) ?? line.stepId, segments });
      } else if (line.type === 'step-finished') {
        const result = toModeResult(line, segmentsOf.get(line.stepId) ?? [], { runId, experiment, python });
        results.push(result);
        emit({ type: 'cpython-step-finished', result });
      }
    },
  });
  return results;
}
