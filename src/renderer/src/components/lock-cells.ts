/**
 * The results table's two lock figures for one step, as seen (shared/lock-figures.ts): a real row
 * shows what its threads' clocks saw, and a dash with the reason for the rest.
 */
import type { ModeResult } from '../../../shared/results';
import { groupDigits, MISSING, secondsFigure } from '../../../shared/format';
import { seenLockFigures } from '../../../shared/lock-figures';

export interface LockCell {
  text: string;
  /** Why the figure reads as it does, where the column's name alone would mislead. */
  title?: string;
}

export function lockCells(result: ModeResult): { switches: LockCell; waiting: LockCell } {
  const seen = seenLockFigures(result);
  const real = result.engine === 'cpython';
  return {
    switches:
      seen.switches === null
        ? { text: MISSING, title: "This CPython step is timed around the lesson's own calls: no turns were read" }
        : { text: groupDigits(seen.switches), ...(real ? { title: "Changes of the running thread, seen from each CPython thread's own clock" } : {}) },
    waiting: seen.waitMs === null ? { text: MISSING, title: "A wait for CPython's GIL cannot be seen from inside it" } : { text: secondsFigure(seen.waitMs) },
  };
}
