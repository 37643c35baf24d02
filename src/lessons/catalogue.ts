/**
 * The course: every lesson's text and explainer, in order, and the two readings of a finished run
 * (sentences, and the prediction checked). Pure: the renderer, the CLI and (through programs.ts)
 * the hosts use it. Adding a lesson: a new folder src/lessons/<id>/, its id in EXPERIMENT_IDS
 * (src/shared/experiments.ts), one line here and one in programs.ts; the `Record` types make a
 * missing line a compile error.
 */
import { busyMachineNotes } from '../shared/busy-machine';
import { EXPERIMENT_IDS, type Experiment, type ExperimentId, type Prediction } from '../shared/experiments';
import type { ModeResult } from '../shared/results';
import { asyncioExplainer } from './asyncio/explain';
import { lesson as asyncio } from './asyncio/lesson';
import type { Explainer } from './common/explainer';
import { convoyExplainer } from './convoy/explain';
import { counterRaceExplainer } from './counter-race/explain';
import { lesson as counterRace } from './counter-race/lesson';
import { lesson as convoy } from './convoy/lesson';
import { cpuBoundExplainer } from './cpu-bound/explain';
import { lesson as cpuBound } from './cpu-bound/lesson';
import { deadlockExplainer } from './deadlock/explain';
import { lesson as deadlock } from './deadlock/lesson';
import { freeThreadedExplainer } from './free-threaded/explain';
import { lesson as freeThreaded } from './free-threaded/lesson';
import { hybridExplainer } from './hybrid/explain';
import { lesson as hybrid } from './hybrid/lesson';
import { ioBoundExplainer } from './io-bound/explain';
import { lesson as ioBound } from './io-bound/lesson';
import { lostUpdateExplainer } from './lost-update/explain';
import { lesson as lostUpdate } from './lost-update/lesson';
import { nativeReleaseExplainer } from './native-release/explain';
import { lesson as nativeRelease } from './native-release/lesson';
import { processCostExplainer } from './process-cost/explain';
import { lesson as processCost } from './process-cost/lesson';
import { scalingExplainer } from './scaling/explain';
import { lesson as scaling } from './scaling/lesson';
import { strategyExplainer } from './strategy/explain';
import { subinterpretersExplainer } from './subinterpreters/explain';
import { lesson as subinterpreters } from './subinterpreters/lesson';
import { lesson as strategy } from './strategy/lesson';
import { switchIntervalExplainer } from './switch-interval/explain';
import { lesson as switchInterval } from './switch-interval/lesson';

interface Lesson {
  experiment: Experiment;
  explainer: Explainer;
}

const LESSONS: Readonly<Record<ExperimentId, Lesson>> = {
  'cpu-bound': { experiment: cpuBound, explainer: cpuBoundExplainer },
  'io-bound': { experiment: ioBound, explainer: ioBoundExplainer },
  scaling: { experiment: scaling, explainer: scalingExplainer },
  'lost-update': { experiment: lostUpdate, explainer: lostUpdateExplainer },
  'counter-race': { experiment: counterRace, explainer: counterRaceExplainer },
  'switch-interval': { experiment: switchInterval, explainer: switchIntervalExplainer },
  convoy: { experiment: convoy, explainer: convoyExplainer },
  'native-release': { experiment: nativeRelease, explainer: nativeReleaseExplainer },
  'free-threaded': { experiment: freeThreaded, explainer: freeThreadedExplainer },
  subinterpreters: { experiment: subinterpreters, explainer: subinterpretersExplainer },
  'process-cost': { experiment: processCost, explainer: processCostExplainer },
  asyncio: { experiment: asyncio, explainer: asyncioExplainer },
  hybrid: { experiment: hybrid, explainer: hybridExplainer },
  deadlock: { experiment: deadlock, explainer: deadlockExplainer },
  strategy: { experiment: strategy, explainer: strategyExplainer },
};

/** The course, in order: each lesson builds on the ones before it. */
export const EXPERIMENTS: readonly Experiment[] = EXPERIMENT_IDS.map((id) => LESSONS[id].experiment);

/** The experiment with this id, or undefined. */
export function findExperiment(id: string): Experiment | undefined {
  return EXPERIMENTS.find((e) => e.id === id);
}

/** This lesson's results of a run, and what the run knew besides them. */
function ownResults(experiment: Experiment, results: readonly ModeResult[], cores: number) {
  const own = results.filter((r) => r.experiment === experiment.id);
  return { own, context: { cores, switchMs: own[0]?.switchMs ?? experiment.defaults.switchMs } };
}

/** Sentences about one run, from its own numbers, for every lesson of the course. */
export function explainRun(experiment: Experiment, results: readonly ModeResult[], cores: number): string[] {
  const { own, context } = ownResults(experiment, results, cores);
  if (own.length === 0) return [];
  const explainer = LESSONS[experiment.id].explainer;
  const lines = explainer.explain(own, context);
  return explainer.busyNotes === false ? lines : [...lines, ...busyMachineNotes(own, cores)];
}

/** "You predicted 'about 4x'; threads gave 0.95x, closest to 'about 1x'." or null with no prediction. */
export function predictionVerdict(experiment: Experiment, prediction: Prediction | null | undefined, results: readonly ModeResult[], cores = 1): string | null {
  if (!prediction) return null;
  const said = `You predicted '${prediction.label}'`;
  const { own, context } = ownResults(experiment, results, cores);
  const measured = own.length === 0 ? null : LESSONS[experiment.id].explainer.measure(own, context);
  if (!measured) return `${said}.`;
  if (measured.answer === prediction.answer) return `${said}; ${measured.text}: well predicted.`;
  const answer = experiment.predictions.find((p) => p.answer === measured.answer);
  if (!answer) return `${said}; ${measured.text}.`;
  return `${said}; ${measured.text}${measured.exact ? `: the answer was '${answer.label}'` : `, closest to '${answer.label}'`}.`;
}
