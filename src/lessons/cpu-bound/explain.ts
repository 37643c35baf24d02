/** CPU-bound work: a sentence per step, and the threads' speedup scored. */
import { findStep, speedupMeasure, type Explainer } from '../common/explainer';
import { speedupLesson } from '../common/speedup-sentences';
import { ANSWERS, type CpuBoundAnswer } from './lesson';

export const cpuBoundExplainer: Explainer<CpuBoundAnswer> = {
  explain: (results, { cores }) => speedupLesson(results, 'cpu', cores),
  measure: (results) => speedupMeasure(findStep(results, 'threads'), ANSWERS),
};
