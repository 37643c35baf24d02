/** How long a run takes: the same CPU-bound threads, in turns, at each interval compared. Pure. */
import type { LessonEstimate } from '../../shared/run-estimate';
import { intervalsAround } from '../../shared/switch-intervals';
import { intervalStep } from './lesson';

export const estimate: LessonEstimate = ({ n, s, switchMs }) => intervalsAround(switchMs).map((ms) => ({ id: intervalStep(ms).id, seconds: n * s }));
