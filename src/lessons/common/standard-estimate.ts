/** The estimate of the basic lessons: one step per chosen mode, its id the mode (as standard-program.ts runs them). Pure. */
import { modeSeconds, type LessonEstimate } from '../../shared/run-estimate';

export const standardEstimate =
  (kind: 'cpu' | 'io'): LessonEstimate =>
  (shape) =>
    shape.modes.map((mode) => ({ id: mode, seconds: modeSeconds(mode, kind === 'io', shape) }));
