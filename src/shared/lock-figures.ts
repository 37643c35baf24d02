/**
 * A step's lock figures as far as they were seen. The lab counts every hand-over of its GIL, every
 * forced one, and every ms a thread waited for it or spent in I/O. Real CPython is read from each
 * thread's own clock, which shows who ran when but never a wait for the GIL, a forced switch or
 * I/O; and a real step timed around the lesson's own calls (no stamps: its running time holdMs is
 * 0) reads no turns at all. What was not seen is null, for every place that shows or exports it.
 */
import type { ModeResult } from './results';

export interface SeenLockFigures {
  switches: number | null;
  forcedSwitches: number | null;
  waitMs: number | null;
  ioMs: number | null;
}

export function seenLockFigures(r: ModeResult): SeenLockFigures {
  if (r.engine !== 'cpython') return { switches: r.gilSwitches, forcedSwitches: r.forcedSwitches, waitMs: r.waitMs, ioMs: r.ioMs };
  return { switches: r.holdMs > 0 ? r.gilSwitches : null, forcedSwitches: null, waitMs: null, ioMs: null };
}
