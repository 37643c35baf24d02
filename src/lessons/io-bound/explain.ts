/** I/O-bound work: a sentence per step, and the waiting threads' speedup scored. */
import { findStep, speedupMeasure, type Explainer } from '../common/explainer';
import { speedupLesson } from '../common/speedup-sentences';
import { ANSWERS, type IoBoundAnswer } from './lesson';

export const ioBoundExplainer: Explainer<IoBoundAnswer> = {
  explain: (results, { cores }) => speedupLesson(results, 'io', cores),
  measure: (results) => speedupMeasure(findStep(results, 'threads'), ANSWERS),
};
