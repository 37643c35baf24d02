/**
 * The results table's two lock figures for one step. The lab counts every hand-over of its GIL and
 * every ms a thread waited for it; real CPython is read from each thread's own clock, which shows
 * who ran when but never a wait for the GIL, and some real steps (timed around the lesson's own
 * calls) read no turns at all. A real row shows what was seen, and a dash with the reason for the rest.
 */
import type { ModeResult } from '../../../shared/results';
import { groupDigits, MISSING, secondsFigure } from '../../../shared/format';

export interface LockCell {
  text: string;
  /** Why the figure reads as it does, where the column's name alone would mislead. */
  title?: string;
}

export function lockCells(result: ModeResult): { switches: LockCell; waiting: LockCell } {
  if (result.engine !== 'cpython') return { switches: { text: groupDigits(result.gilSwitches) }, waiting: { text: secondsFigure(result.waitMs) } };
  const waiting = { text: MISSING, title: "A wait for CPython's GIL cannot be seen from inside it" };
  // holdMs is the running time the threads' stamps drew: none drawn, no turns read.
  if (result.holdMs <= 0) return { switches: { text: MISSING, title: "This CPython step is timed around the lesson's own calls: no turns were read" }, waiting };
  return { switches: { text: groupDigits(result.gilSwitches), title: "Changes of the running thread, seen from each CPython thread's own clock" }, waiting };
}
