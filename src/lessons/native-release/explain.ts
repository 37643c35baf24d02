/** Native code: a sentence per step, and the native threads' speedup scored. */
import { findStep, speedupMeasure, type Explainer } from '../common/explainer';
import { speedupLesson } from '../common/speedup-sentences';
import { ANSWERS, type NativeReleaseAnswer } from './lesson';

export const nativeReleaseExplainer: Explainer<NativeReleaseAnswer> = {
  explain: (results, { cores }) => speedupLesson(results, 'cpu', cores),
  measure: (results) => speedupMeasure(findStep(results, 'native'), ANSWERS),
};
