/** How long a run takes: two threads either way, whatever the request. Pure. */
import { perStep, type LessonEstimate } from '../../shared/run-estimate';
import type { DeadlockStep } from './lesson';

/** The watchdog confirms a cycle in under a second; the fix ends sooner. */
const STEP_S = 1;

export const estimate: LessonEstimate = () => perStep<DeadlockStep>({ stuck: STEP_S, fixed: STEP_S });
