/** How long a run takes: its modes as the basic lessons run them, then one thread alone without a GIL. Pure. */
import type { LessonEstimate } from '../../shared/run-estimate';
import { standardEstimate } from '../common/standard-estimate';
import { SINGLE } from './lesson';

const modes = standardEstimate('cpu');

export const estimate: LessonEstimate = (shape) => {
  const steps = modes(shape);
  return shape.modes.includes('free-threaded') ? [...steps, { id: SINGLE.id, seconds: shape.s }] : steps;
};
