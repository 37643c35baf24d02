/** How long a run takes: waits in turn and overlapped, then a few CPU tasks in turn either way. Pure. */
import { perStep, type LessonEstimate } from '../../shared/run-estimate';
import { CPU_TASKS, type AsyncioStep } from './lesson';

export const estimate: LessonEstimate = ({ n, s }) => {
  const k = Math.min(n, CPU_TASKS);
  return perStep<AsyncioStep>({
    'waits-in-turn': n * s,
    'waits-on-loop': s,
    'cpu-in-turn': k * s,
    // Coroutines run on one thread: CPU work still takes turns.
    'cpu-on-loop': k * s,
  });
};
