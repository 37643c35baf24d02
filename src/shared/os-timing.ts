/**
 * What the OS kept of the switch interval while a real CPython step ran, and what that means for
 * the step's turns. A waiting CPython thread asks for the GIL only once its timed wait of the
 * interval has returned and the OS has given it a core again, so every turn runs past the interval
 * by those two delays: facts about the machine, measured beside the step by the harness
 * (python/harness/os_delays.py), never inferred from the turns themselves.
 */
import { msText } from './format';
import type { Findings } from './results';
import { z } from './zod-config';

const lateness = z.number().min(0).refine(Number.isFinite, 'a lateness must be finite');

/** The harness's `osTiming` on a step-finished line; parsed before the engine believes it. */
export const osTimingSchema = z.object({
  /** The switch interval the step ran at, and the length of every probe wait (ms). */
  intervalMs: z.number().positive(),
  /** Timed waits of the interval a probe process took while the step ran. */
  timedWaits: z.number().int().min(0),
  /** How much longer than the interval the median and the 90th-percentile wait took; null without waits. */
  timerLateMs: lateness.nullable(),
  timerLateP90Ms: lateness.nullable(),
  /** Time the step's threads stood ready to run with no core while they took turns (Linux); null elsewhere. */
  runDelayMs: lateness.nullable(),
  /** The switches that run delay spread over. */
  switches: z.number().int().min(0),
});
export type OsTiming = z.infer<typeof osTimingSchema>;

/**
 * The OS kept the interval when its delays add at most this share of it to a turn: then the turns
 * must keep to the interval within the lesson's ±30 %. Measured on an idle core here: 1 ms waits
 * 0.08 to 0.13 ms late, 0.04 to 0.08 ms ready without a core per switch.
 */
export const OS_KEPT_SHARE = 0.2;
/** A median turn within this band of the interval is the interval honoured (as the simulation reads it). */
const HONOURED = { min: 0.7, max: 1.3 } as const;

/** The OS's delay to each turn: a timed wait's median lateness plus the run delay per switch. Null when neither was measured. */
export function osDelayMs(t: OsTiming): number | null {
  const queued = t.runDelayMs !== null && t.switches > 0 ? t.runDelayMs / t.switches : null;
  if (t.timerLateMs === null && queued === null) return null;
  return (t.timerLateMs ?? 0) + (queued ?? 0);
}

/** Whether the OS kept the interval during the step; null when it was not measured. */
export function osKeptInterval(t: OsTiming): boolean | null {
  const delay = osDelayMs(t);
  return delay === null ? null : delay <= OS_KEPT_SHARE * t.intervalMs;
}

/**
 * Turns whose mean stays within this share over the interval are not long enough to need the OS's
 * delays to explain them. The run delay the harness reads divides all of the threads' time ready
 * with no core by the switches, so it also counts the holder's own preemptions: on a quiet 2-core
 * VM it read 0.86-0.95 ms a switch while the 1 and 5 ms turns kept to 1.12 and 1.03 of the interval.
 */
const LONG_TURN = 1.2;

/**
 * A real step's reading of its turns, the simulation's `interval` finding in shape:
 * - 'woken late': the turns ran long (mean over 1.2x the interval), the OS did not keep the
 *   interval, and the interval plus its delays accounts for the mean turn (within the lesson's
 *   30 %; the run delay counts two threads ready at once twice, so it is an upper bound and only
 *   the upper side is held to it);
 * - 'honoured': the median turn kept to the interval;
 * - 'missed': neither; the turns ran long with nothing on the machine to account for it.
 * Null without a median turn, or when a long turn cannot be judged for want of the OS's figures.
 */
export function realIntervalFinding(turns: { intervalMs: number; medianHoldMs: number | null; meanHoldMs: number | null }, t: OsTiming | null | undefined): Findings['interval'] | null {
  const { intervalMs, medianHoldMs, meanHoldMs } = turns;
  if (medianHoldMs === null) return null;
  const kept = t ? osKeptInterval(t) : null;
  const delay = t ? osDelayMs(t) : null;
  const meanTurn = meanHoldMs ?? medianHoldMs;
  const long = meanTurn > LONG_TURN * intervalMs;
  if (long && kept === false && delay !== null && meanTurn <= HONOURED.max * (intervalMs + delay)) return 'woken late';
  const ratio = medianHoldMs / intervalMs;
  if (ratio >= HONOURED.min && ratio <= HONOURED.max) return 'honoured';
  return kept === null ? null : 'missed';
}

/**
 * "the OS woke CPython 3.11's 1 ms waits 0.08 ms late and left its threads 1.9 ms a switch ready
 * with no core free, so its turns ran 3.1 ms on average (median 3.2 ms)", from the numbers.
 */
export function osLateClause(t: OsTiming, name: string, medianHoldMs: number, meanHoldMs: number | null): string {
  const queued = t.runDelayMs !== null && t.switches > 0 ? t.runDelayMs / t.switches : null;
  const woke = t.timerLateMs !== null ? `woke ${name}'s ${msText(t.intervalMs)} waits ${msText(t.timerLateMs)} late` : null;
  const left = queued !== null ? `left ${woke ? 'its' : `${name}'s`} threads ${msText(queued)} a switch ready with no core free` : null;
  const turns = meanHoldMs !== null ? `${msText(meanHoldMs)} on average (median ${msText(medianHoldMs)})` : msText(medianHoldMs);
  return `the OS ${[woke, left].filter(Boolean).join(' and ')}, so its turns ran ${turns}`;
}
