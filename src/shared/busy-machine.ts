/**
 * What other programs did to a run, judged from the run's own figures: the machine's cores busy
 * (what the lanes show, everything on the machine) against the cores the run's workers used
 * (their own CPU time). On a laptop in a video call the gap is about a core; on an idle machine it
 * is the lab's own engine, a tenth of a core or so. The sentences say so where it changes what a
 * lesson shows, so a busy laptop never passes for what the GIL does.
 */
import type { ModeResult } from './results';
import { median } from './stats';

type Figures = Pick<ModeResult, 'coresBusy' | 'coresUsed'>;

/** Cores kept busy by everything but the run's workers during a step; null without both figures. */
export function coresBusyElsewhere(result: Figures): number | null {
  if (result.coresBusy === null || result.coresUsed === null) return null;
  return Math.max(0, result.coresBusy - result.coresUsed);
}

/** Busy elsewhere enough to matter: half a core, and at least a quarter of the machine. */
export function busyElsewhereMatters(elsewhere: number | null, cores: number): boolean {
  return elsewhere !== null && elsewhere >= Math.max(0.5, cores / 4);
}

/** A baseline slowed by more than this (1 / 0.8: a computing one that got under 0.8 of its core) is said to be. */
const SLOWED_BASELINE = 1.25;
/** Slowed by less, it is said to be where a speedup of CPU work against it is more than the cores can give. */
const SLOWED_AT_ALL = 1.05;

/**
 * The most a step's workers can be sped up on these cores, when the step's speedup is past it (a
 * timer's 2 % allowed); null when the figure is possible. Only CPU work is bounded by the cores:
 * waits overlap however many there are (io-bound's 4x on 2 cores is the lesson).
 */
export function coresExceeded(r: Pick<ModeResult, 'speedup' | 'workers' | 'task'>, cores: number): number | null {
  if (r.task !== 'cpu' || r.speedup === null) return null;
  const most = Math.min(Math.max(1, r.workers), Math.max(1, cores));
  return r.speedup > most * 1.02 ? most : null;
}

/**
 * The share of a core a sequential step got while it ran Python (its time holding or running
 * without a GIL): a baseline that mostly waits on I/O uses little CPU because it needs little, and
 * only the time it wanted a core says whether other programs took it. null without the figures.
 */
export function baselineShare(result: Pick<ModeResult, 'coresUsed' | 'holdMs' | 'wallMs'>): number | null {
  if (result.coresUsed === null || !(result.wallMs > 0) || !(result.holdMs > 0)) return null;
  return Math.min(1, result.coresUsed / Math.min(1, result.holdMs / result.wallMs));
}

/**
 * How much slower than alone a sequential step ran: its wall time against the same time with the
 * CPU it wanted given in full (its waits unchanged). A baseline that computed all along reads
 * 1 / its share; one that mostly waited is barely slowed, however small its share (a 4 s wait with
 * 80 ms of Python that got half a core ran 1.01x slower, not 2x). null without the figures.
 */
export function baselineSlowdown(result: Pick<ModeResult, 'coresUsed' | 'holdMs' | 'wallMs'>): number | null {
  if (result.coresUsed === null || !(result.wallMs > 0) || !(result.holdMs > 0)) return null;
  const wanted = Math.min(result.holdMs, result.wallMs);
  const got = Math.min(wanted, result.coresUsed * result.wallMs);
  return result.wallMs / Math.max(result.wallMs - wanted + got, 1e-9);
}

const one = (value: number): string => value.toFixed(1);

/**
 * Sentences about other programs' share of this run, if it mattered: a sequential baseline they
 * slowed (every speedup against it reads too high), and the cores they kept busy.
 */
export function busyMachineNotes(results: readonly ModeResult[], cores: number): string[] {
  const notes: string[] = [];
  // A little starved reads as much as a lot once a speedup comes out impossible: 2.06x on 2 cores.
  const impossible = results.some((r) => coresExceeded(r, cores) !== null);
  const starved = results.find((r) => r.mode === 'sequential' && (baselineSlowdown(r) ?? 1) >= (impossible ? SLOWED_AT_ALL : SLOWED_BASELINE));
  if (starved && results.some((r) => r !== starved && r.speedup !== null)) {
    const share = baselineShare(starved) as number;
    const slowdown = Math.min(baselineSlowdown(starved) as number, 20);
    notes.push(
      `The sequential run got only ${one(share)} of a core while it computed, other programs taking the rest, so it ran slower than it would alone and the speedups measured against it read up to ${slowdown.toFixed(1)}x too high.`,
    );
  }
  const gaps = results.map(coresBusyElsewhere).filter((v): v is number => v !== null);
  const elsewhere = gaps.length > 0 ? median(gaps) : null;
  if (busyElsewhereMatters(elsewhere, cores)) {
    notes.push(
      `Other programs kept about ${one(elsewhere as number)} of this machine's ${cores} cores busy during the run: steps that could use every core had fewer to themselves (cores used counts only this run's own work).`,
    );
  }
  return notes;
}
