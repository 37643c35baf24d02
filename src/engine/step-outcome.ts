/** A finished step's outcome, from its workers' last reports and the interpreter's shared words. */
import { GIL } from '../shared/gil-layout';
import type { WorkerStats } from '../shared/results';
import type { WorkerSamples } from '../shared/worker-protocol';
import type { DoneReport, Probes, Readings, StepClock, StepEnd, StepOutcome, StepPlan } from './step-plan';

/** What a step run has gathered by the time it ends. */
export interface StepRecord<P extends Probes> {
  plan: StepPlan<P>;
  clock: StepClock;
  /** The interpreter's shared words (its threads' GIL, the shared counts). */
  words: Int32Array;
  /** In worker order; undefined for a worker stopped before it finished. */
  reports: readonly (DoneReport | undefined)[];
  samples: WorkerSamples[];
  readyMs: number[];
  goAt: number;
  doneAt: number;
  /** Whether the watchdog stopped the step before its workers finished. */
  stopped: boolean;
}

export function stepOutcome<P extends Probes>({ plan, clock, words, reports, samples, readyMs, goAt, doneAt, stopped }: StepRecord<P>): StepOutcome<P> {
  // Processes and new interpreters count their own GIL's figures; the shared words count the threads'.
  const fromOwnGils = (read: (r: DoneReport) => number): number => reports.reduce((sum, r, i) => sum + (r && plan.workers[i]?.host !== 'thread' ? read(r) : 0), 0);
  const end: StepEnd = { words, reports };
  const readings = Object.fromEntries(Object.entries(plan.probes ?? {}).map(([name, probe]) => [name, probe(end)])) as Readings<P>;
  return {
    spawnedAt: clock.epoch,
    goAt,
    doneAt,
    // Array.from visits every index: a worker that never reported (a deadlocked one, stopped) leaves a
    // hole that map would keep, and JSON would send as null.
    perWorker: Array.from(reports, (r, worker) => (r ? { worker, ...r.stats } : emptyStats(worker))),
    samples,
    readyMs,
    gilSwitches: reports.reduce((sum, r) => sum + (r?.gilSwitches ?? 0), 0),
    // Forced drops and violations inside processes and interpreters: their GILs are not in the shared buffer.
    forcedSwitches: Atomics.load(words, GIL.FORCED_SWITCHES) + fromOwnGils((r) => r.stats.forcedDrops),
    violations: Atomics.load(words, GIL.VIOLATIONS) + fromOwnGils((r) => r.violations ?? 0),
    checksum: reports.reduce((sum, r) => sum + (r?.checksum ?? 0), 0),
    stopped,
    readings,
  };
}

function emptyStats(worker: number): WorkerStats {
  return { worker, holdMs: 0, waitMs: 0, ioMs: 0, freeMs: 0, cpuMs: 0, acquisitions: 0, forcedDrops: 0, tasks: 0 };
}
