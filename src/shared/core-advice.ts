/**
 * What a lesson can and cannot show on a machine with few cores, said before the run rather
 * than leaving a confusing result to explain itself.
 */
import type { Experiment } from './experiments';

/** A sentence about this machine for this lesson, or null when the lesson shows fully here. */
export function coreAdvice(experiment: Experiment, cores: number): string | null {
  if (cores <= 1) {
    if (experiment.cores === 'collisions') {
      return 'This machine has 1 core, so two threads never run at the same instant: without a lock few or no increments may be lost here, though the same code loses many on any multi-core laptop.';
    }
    if (experiment.cores === 'parallel') {
      return 'This machine has 1 core, so nothing can run in parallel: processes, native code and free-threaded threads cannot beat threads here. The GIL is still there; there is just no second core for anyone to use.';
    }
    return null;
  }
  if (cores === 2 && experiment.cores === 'parallel') {
    return 'This machine has 2 cores, so anything that runs in parallel tops out at about 2x here, not 4x; threads under the GIL stay at about 1x on any machine.';
  }
  return null;
}
