/** How long a run takes: the same increments with no lock at all (overlapping) and under the GIL (in turns). Pure. */
import { INCREMENT_S, perStep, spread, type LessonEstimate } from '../../shared/run-estimate';
import { incrementsFor } from '../common/counted-increments';
import type { LostUpdateStep } from './lesson';

export const estimate: LessonEstimate = ({ n, s, cores }) => {
  const one = incrementsFor(s) * INCREMENT_S;
  return perStep<LostUpdateStep>({ 'no-lock': spread(n, one, cores), gil: n * one });
};
