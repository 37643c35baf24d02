/**
 * What a lesson's program runs on: a measured way to run one step (spawn, go, collect, cores
 * busy over exactly its span), manual steps for programs that drive a pool themselves, and the
 * session's baselines and history. Built by the Lab for each run.
 */
import type { Experiment, Mode } from '../../shared/experiments';
import { LIMITS } from '../../shared/limits';
import type { ModeResult, RunEvent, TimelineSegment } from '../../shared/results';
import type { RunRequest } from '../../shared/schemas';
import { coresBusyDuring } from '../../shared/stats';
import type { WorkerEntries } from './entries';
import { RunCancelled } from './errors';
import { Pool } from './pool';
import { chosenModes, type RunContext, type StepRun, type StepSpec } from './programs/program';
import type { Sampler } from './sampler';
import { epochNow, runStep, startClock, type StepClock, type StepOutcome } from './step-runner';

/** Work between two eval-breaker checks: about 25 us, so even a 0.1 ms interval is honoured. */
const CHUNK_US = 25;
/** Timeline batches go out at most this often, so a fast switch interval cannot flood the UI. */
const TIMELINE_EMIT_MS = 150;

/** One run's identity and inputs. */
export interface RunSetup {
  runId: string;
  experiment: Experiment;
  request: RunRequest;
  perMs: number;
  signal: AbortSignal;
  /** Finished results are appended here. */
  results: ModeResult[];
}

/** What the context needs of the Lab that outlives the run. */
export interface LabState {
  cores: number;
  entries: WorkerEntries;
  sampler: Sampler;
  emit: (event: RunEvent) => void;
  baselines: Map<string, number>;
  past: readonly ModeResult[];
}

export function createRunContext(run: RunSetup, lab: LabState): RunContext {
const { runId, experiment, request, perMs, signal, results } = run;
const emit = lab.emit;
const chunkIterations = Math.max(200, Math.round(perMs * (CHUNK_US / 1000)));
  const finish = (partial: ModeResult): ModeResult => {
    const result = { ...partial, runId, experiment: experiment.id };
    results.push(result);
    emit({ type: 'mode-finished', runId, result });
    return result;
  };
  /** Streams a step's timeline in batches, so a fast switch interval cannot flood the UI. */
  const timelineStream = (step: string, mode: Mode): { push: (s: TimelineSegment[]) => void; close: () => void } => {
    const pending: TimelineSegment[] = [];
    const flush = (): void => {
      if (pending.length > 0) emit({ type: 'timeline', runId, step, mode, segments: pending.splice(0) });
    };
    const ticker = setInterval(flush, TIMELINE_EMIT_MS);
    return {
      push: (segments) => pending.push(...segments),
      close: () => {
        clearInterval(ticker);
        flush();
      },
    };
  };
  const started = (step: string, mode: Mode, workers: number, workerLabels: string[], clock: StepClock, goAt: number): void => {
    emit({ type: 'mode-started', runId, step, mode, workers, workerLabels, startedAt: goAt, spawnToGoMs: goAt - clock.epoch });
  };
  const measure = async (goAt: number, doneAt: number): Promise<number | null> => {
    // The sample that covers the end of the step arrives up to one period later.
    await lab.sampler.nextSampleAfter(doneAt, 1000 / LIMITS.sampleHz.min + 200);
    return coresBusyDuring(lab.sampler.samplesSince(goAt - 2000), goAt, doneAt);
  };
  const base = (label: string, mode: Mode, workers: number): ModeResult => ({
    runId,
    experiment: experiment.id,
    step: label,
    mode,
    task: experiment.task === 'mixed' ? 'cpu' : experiment.task,
    workers,
    tasks: workers,
    taskSeconds: request.seconds,
    switchMs: request.switchMs,
    wallMs: 0,
    startupMs: 0,
    speedup: null,
    coresUsed: null,
    coresBusy: null,
    gilSwitches: 0,
    forcedSwitches: 0,
    holdMs: 0,
    waitMs: 0,
    ioMs: 0,
    violations: 0,
    perWorker: [],
    metrics: {},
    finishedAt: new Date().toISOString(),
  });

  return {
    experiment,
    request,
    cores: lab.cores,
    perMs,
    signal,
    wants: (mode) => chosenModes(experiment, request).includes(mode),
    finish,
    baseline: (key) => lab.baselines.get(key),
    rememberBaseline: (key, wallMs) => void lab.baselines.set(key, wallMs),
    history: () => lab.past,
    pool: (options) =>
      Pool.start({
        ...options,
        entries: lab.entries,
        chunkIterations,
        switchIntervalUs: request.switchMs * 1000,
      }),
    manualStep: (label, mode, workerLabels) => {
      if (signal.aborted) throw new RunCancelled();
      const clock = startClock();
      const stream = timelineStream(label, mode);
      started(label, mode, workerLabels.length, workerLabels, clock, clock.epoch);
      return {
        clock,
        onSegments: stream.push,
        end: async (partial, from = clock.epoch) => {
          const doneAt = epochNow();
          stream.close();
          const result: ModeResult = {
            ...base(label, mode, workerLabels.length),
            wallMs: doneAt - from,
            startupMs: from - clock.epoch,
            coresBusy: await measure(from, doneAt),
            ...partial,
          };
          return result;
        },
      };
    },
    step: async (spec: StepSpec): Promise<StepRun> => {
      if (signal.aborted) throw new RunCancelled();
      const clock = startClock();
      const labels = spec.workerLabels ?? spec.workers.map((w, i) => `${w.host} ${i + 1}`);
      const stream = timelineStream(spec.label, spec.mode);
      let pool: Pool | undefined;
      let poolCpuMs = 0;
      let outcome: StepOutcome;
      try {
        if (spec.pool) {
          pool = await Pool.start({
            entries: lab.entries,
            host: 'process',
            size: spec.pool.size,
            chunkIterations,
            switchIntervalUs: (spec.switchMs ?? request.switchMs) * 1000,
            clock,
            onSegments: stream.push,
            firstWorker: spec.workers.length,
          });
          for (let i = 0; i < spec.pool.size; i++) labels.push(`pool process ${i + 1}`);
        }
        const offloadPool = pool;
        outcome = await runStep({
          workers: spec.workers,
          switchIntervalUs: (spec.switchMs ?? request.switchMs) * 1000,
          chunkIterations,
          entries: lab.entries,
          signal,
          clock,
          onSegments: stream.push,
          onGo: (goAt) => started(spec.label, spec.mode, labels.length, labels, clock, goAt),
          ...(offloadPool ? { offload: async (iterations: number) => void (await offloadPool.run(iterations)) } : {}),
          ...(spec.watchdog ? { watchdog: spec.watchdog } : {}),
        });
      } finally {
        stream.close();
        poolCpuMs = pool?.cpuMs ?? 0;
        await pool?.stop();
      }
      const per = outcome.perWorker;
      const sum = (pick: (w: (typeof per)[number]) => number): number => per.reduce((s, w) => s + pick(w), 0);
      const wallMs = outcome.doneAt - outcome.goAt;
      const result: ModeResult = {
        ...base(spec.label, spec.mode, spec.workers.length),
        tasks: spec.workers.reduce((n, w) => n + w.tasks.length, 0),
        switchMs: spec.switchMs ?? request.switchMs,
        wallMs,
        startupMs: outcome.goAt - outcome.spawnedAt,
        // A step stopped by the watchdog has workers that never reported their CPU time.
        coresUsed: outcome.finding || !(wallMs > 0) ? null : (sum((w) => w.cpuMs) + poolCpuMs) / wallMs,
        coresBusy: await measure(outcome.goAt, outcome.doneAt),
        gilSwitches: outcome.gilSwitches,
        forcedSwitches: outcome.forcedSwitches,
        holdMs: sum((w) => w.holdMs + w.freeMs),
        waitMs: sum((w) => w.waitMs),
        ioMs: sum((w) => w.ioMs),
        violations: outcome.violations,
        perWorker: per,
      };
      return { outcome, result };
    },
  };
}
