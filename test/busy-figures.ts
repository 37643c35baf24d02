/**
 * Reading a run's figures on a machine other programs share (the lab's own judgement is in
 * src/shared/busy-machine.ts). A step that needs one core tells how busy the rest of the machine
 * was; a one-core baseline tells how much other programs slowed it.
 */
import { expect } from 'vitest';
import { coresBusyElsewhere } from '../src/shared/busy-machine';
import { stepSentence } from '../src/lessons/common/speedup-sentences';
import type { ModeResult } from '../src/shared/results';

/** Cores used, which every measured step reports. */
export function coresUsed(result: ModeResult): number {
  expect(result.coresUsed, `${result.stepId} has no cores used`).not.toBeNull();
  return result.coresUsed as number;
}

/**
 * Whether other programs left the machine alone during `step`, a step that needs one core (the
 * lab's engine and sampler account for a tenth of a core or two).
 */
export function quietDuring(step: ModeResult): boolean {
  const elsewhere = coresBusyElsewhere(step);
  return elsewhere !== null && elsewhere < 0.3;
}

/**
 * How much slower a one-core baseline ran than it would have alone: 1 when it had its core,
 * 1.33 when other programs took a quarter of it. Speedups against it read that much high.
 */
export function slowedBy(baseline: ModeResult): number {
  return Math.max(1, 1 / Math.max(coresUsed(baseline), 0.1));
}

/**
 * Whether the lab told the user that other programs left a parallel step too few cores (its
 * sentence says so): the honest answer a test accepts instead of the parallel figure.
 */
export function saidTooBusy(result: ModeResult): boolean {
  return /other programs kept [\d.]+ cores busy, leaving too few to run in parallel/.test(stepSentence(result, 'cpu'));
}
