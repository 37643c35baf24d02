/**
 * What a lesson's program runs on: a measured way to run one step (spawn, go, collect, cores
 * busy over exactly its span), manual steps for programs that drive a pool themselves, and the
 * session's baselines. Built by the Lab for each run.
 */
import type { Experiment, Mode } from '../shared/experiments';
import { LIMITS } from '../shared/limits';
import type { ModeResult, RunEvent, TimelineSegment } from '../shared/results';
import type { RunRequest } from '../shared/schemas';
import { coresBusyDuring } from '../shared/stats';
import { switchInterval } from '../shared/units';
import type { WorkerEntries } from './entries';
import { LabError, RunCancelled } from './errors';
import { InterpreterThreads } from './interpreter-threads';
import { Pool } from './pool';
import { chosenModes, type RunContext, type StepName, type StepSpec } from './program-api';
import type { Sampler } from './sampler';
import { epochNow, startClock, type Probes, type StepOutcome } from './step-plan';
import { runStep } from './step-runner';

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
}

/** When a step's workers were spawned, started together, and finished (epoch ms). */
interface Span {
  spawnedAt: number;
  goAt: number;
  doneAt: number;
}

export function createRunContext(run: RunSetup, lab: LabState): RunContext {
  const { runId, experiment, request, perMs, signal, results } = run;
  const emit = lab.emit;
  const chunkIterations = Math.max(200, Math.round(perMs * (CHUNK_US / 1000)));
  // The interpreter's OS threads: started off the clock, reused from step to step, gone with the run.
  const interpreter = new InterpreterThreads(lab.entries);
  signal.addEventListener('abort', () => void interpreter.stop(), { once: true });
  const startThreads = (n: number): Promise<void> => interpreter.ensure(n, signal);

  const finish = (partial: ModeResult): ModeResult => {
    const result = { ...partial, runId, experiment: experiment.id };
    results.push(result);
    emit({ type: 'mode-finished', runId, result });
    return result;
  };

  // The page keeps a run's timelines by step id, so a program may open each id once per run.
  const openedIds = new Set<string>();

  /** Opens a step: refuses after a cancel or a step id used twice, starts its clock and a batched stream of its timeline. */
  const open = (step: StepName, mode: Mode) => {
    if (signal.aborted) throw new RunCancelled();
    if (openedIds.has(step.id)) throw new LabError(`${experiment.id} ran its step "${step.id}" twice in one run; each step needs its own id`);
    openedIds.add(step.id);
    const clock = startClock();
    const pending: TimelineSegment[] = [];
    const flush = (): void => {
      if (pending.length > 0) emit({ type: 'timeline', runId, stepId: step.id, step: step.label, mode, segments: pending.splice(0) });
    };
    const ticker = setInterval(flush, TIMELINE_EMIT_MS);
    // A program that stops mid-step never closes its stream; the run's end (its signal) does.
    const close = (): void => {
      clearInterval(ticker);
      signal.removeEventListener('abort', close);
      flush();
    };
    signal.addEventListener('abort', close);
    return {
      clock,
      push: (segments: TimelineSegment[]): void => void pending.push(...segments),
      close,
      started: (workerLabels: string[], goAt: number): void =>
        emit({ type: 'mode-started', runId, stepId: step.id, step: step.label, mode, workers: workerLabels.length, workerLabels, startedAt: goAt, spawnToGoMs: goAt - clock.epoch }),
    };
  };

  /** The one place a result is built: the step's common figures over its span, then what the caller measured. */
  const measured = async (step: StepName, mode: Mode, workers: number, span: Span, figures: Partial<ModeResult>): Promise<ModeResult> => {
    const finishedAt = new Date().toISOString();
    // The sample that covers the end of the step arrives up to one period later.
    await lab.sampler.nextSampleAfter(span.doneAt, 1000 / LIMITS.sampleHz.min + 200, signal);
    return {
      runId,
      experiment: experiment.id,
      stepId: step.id,
      step: step.label,
      mode,
      task: experiment.task === 'mixed' ? 'cpu' : experiment.task,
      workers,
      tasks: workers,
      taskSeconds: request.seconds,
      switchMs: request.switchMs,
      wallMs: span.doneAt - span.goAt,
      startupMs: span.goAt - span.spawnedAt,
      speedup: null,
      coresUsed: null,
      coresBusy: coresBusyDuring(lab.sampler.samplesSince(span.goAt - 2000), span.goAt, span.doneAt),
      gilSwitches: 0,
      forcedSwitches: 0,
      holdMs: 0,
      waitMs: 0,
      ioMs: 0,
      violations: 0,
      perWorker: [],
      metrics: {},
      finishedAt,
      ...figures,
    };
  };

  const manualStep: RunContext['manualStep'] = (step, mode, workerLabels) => {
    const opened = open(step, mode);
    const { clock } = opened;
    opened.started(workerLabels, clock.epoch);
    return {
      clock,
      onSegments: opened.push,
      end: async (partial, from = clock.epoch) => {
        const doneAt = epochNow();
        opened.close();
        return measured(step, mode, workerLabels.length, { spawnedAt: clock.epoch, goAt: from, doneAt }, partial);
      },
    };
  };

  const step = async <P extends Probes>(spec: StepSpec<P>) => {
    // Before the clock starts: what a step times of a thread's start is handing it its job.
    await startThreads(spec.workers.filter((w) => w.host === 'thread').length);
    const opened = open(spec.step, spec.mode);
    const labels = spec.workerLabels ?? spec.workers.map((w, i) => `${w.host} ${i + 1}`);
    // The one conversion of the switch interval: the lesson's (or the request's) ms to the GIL's unit.
    const interval = switchInterval(spec.switchMs ?? request.switchMs);
    let pool: Pool | undefined;
    let poolCpuMs = 0;
    let outcome: StepOutcome<P>;
    try {
      if (spec.pool) {
        pool = await Pool.start({
          entries: lab.entries,
          host: 'process',
          size: spec.pool.size,
          chunkIterations,
          switchInterval: interval,
          clock: opened.clock,
          signal,
          onSegments: opened.push,
          firstWorker: spec.workers.length,
        });
        for (let i = 0; i < spec.pool.size; i++) labels.push(`pool process ${i + 1}`);
      }
      const offloadPool = pool;
      outcome = await runStep<P>({
        workers: spec.workers,
        switchInterval: interval,
        chunkIterations,
        entries: lab.entries,
        signal,
        clock: opened.clock,
        threads: interpreter,
        onSegments: opened.push,
        onGo: (goAt) => opened.started(labels, goAt),
        ...(offloadPool ? { offload: async (iterations: number) => void (await offloadPool.run(iterations)) } : {}),
        ...(spec.watchdog ? { watchdog: spec.watchdog } : {}),
        ...(spec.probes ? { probes: spec.probes } : {}),
      });
    } finally {
      opened.close();
      poolCpuMs = pool?.cpuMs ?? 0;
      await pool?.stop();
    }
    const per = outcome.perWorker;
    const sum = (pick: (w: (typeof per)[number]) => number): number => per.reduce((s, w) => s + pick(w), 0);
    const wallMs = outcome.doneAt - outcome.goAt;
    const result = await measured(spec.step, spec.mode, spec.workers.length, outcome, {
      tasks: spec.workers.reduce((n, w) => n + w.tasks.length, 0),
      switchMs: spec.switchMs ?? request.switchMs,
      // A step stopped by the watchdog has workers that never reported their CPU time.
      coresUsed: outcome.stopped || !(wallMs > 0) ? null : (sum((w) => w.cpuMs) + poolCpuMs) / wallMs,
      gilSwitches: outcome.gilSwitches,
      forcedSwitches: outcome.forcedSwitches,
      holdMs: sum((w) => w.holdMs + w.freeMs),
      waitMs: sum((w) => w.waitMs),
      ioMs: sum((w) => w.ioMs),
      violations: outcome.violations,
      perWorker: per,
    });
    return { outcome, result };
  };

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
    startThreads,
    pool: async (options) => {
      if (options.host === 'thread') await startThreads(options.size);
      return Pool.start({ ...options, entries: lab.entries, chunkIterations, switchInterval: switchInterval(request.switchMs), signal, threads: interpreter });
    },
    manualStep,
    step,
  };
}
