/**
 * The course: every lesson's text, explainer and run-length estimate, in order, and the two readings of a finished run
 * (sentences, and the prediction checked). Pure: the renderer, the CLI and (through programs.ts)
 * the hosts use it. Adding a lesson: a new folder src/lessons/<id>/, its id in EXPERIMENT_IDS
 * (src/shared/experiments.ts), one line here and one in programs.ts; the `Record` types make a
 * missing line a compile error.
 */
import { busyMachineNotes } from '../shared/busy-machine';
import { EXPERIMENT_IDS, type Experiment, type ExperimentId, type Prediction } from '../shared/experiments';
import type { ModeResult } from '../shared/results';
import type { Estimates, LessonEstimate } from '../shared/run-estimate';
import { asyncioExplainer } from './asyncio/explain';
import { estimate as asyncioEstimate } from './asyncio/estimate';
import { lesson as asyncio } from './asyncio/lesson';
import type { Explainer } from './common/explainer';
import { convoyExplainer } from './convoy/explain';
import { counterRaceExplainer } from './counter-race/explain';
import { estimate as counterRaceEstimate } from './counter-race/estimate';
import { lesson as counterRace } from './counter-race/lesson';
import { estimate as convoyEstimate } from './convoy/estimate';
import { lesson as convoy } from './convoy/lesson';
import { cpuBoundExplainer } from './cpu-bound/explain';
import { estimate as cpuBoundEstimate } from './cpu-bound/estimate';
import { lesson as cpuBound } from './cpu-bound/lesson';
import { deadlockExplainer } from './deadlock/explain';
import { estimate as deadlockEstimate } from './deadlock/estimate';
import { lesson as deadlock } from './deadlock/lesson';
import { freeThreadedExplainer } from './free-threaded/explain';
import { estimate as freeThreadedEstimate } from './free-threaded/estimate';
import { lesson as freeThreaded } from './free-threaded/lesson';
import { hybridExplainer } from './hybrid/explain';
import { estimate as hybridEstimate } from './hybrid/estimate';
import { lesson as hybrid } from './hybrid/lesson';
import { ioBoundExplainer } from './io-bound/explain';
import { estimate as ioBoundEstimate } from './io-bound/estimate';
import { lesson as ioBound } from './io-bound/lesson';
import { lostUpdateExplainer } from './lost-update/explain';
import { estimate as lostUpdateEstimate } from './lost-update/estimate';
import { lesson as lostUpdate } from './lost-update/lesson';
import { nativeReleaseExplainer } from './native-release/explain';
import { estimate as nativeReleaseEstimate } from './native-release/estimate';
import { lesson as nativeRelease } from './native-release/lesson';
import { processCostExplainer } from './process-cost/explain';
import { estimate as processCostEstimate } from './process-cost/estimate';
import { lesson as processCost } from './process-cost/lesson';
import { scalingExplainer } from './scaling/explain';
import { estimate as scalingEstimate } from './scaling/estimate';
import { lesson as scaling } from './scaling/lesson';
import { strategyExplainer } from './strategy/explain';
import { subinterpretersExplainer } from './subinterpreters/explain';
import { estimate as subinterpretersEstimate } from './subinterpreters/estimate';
import { lesson as subinterpreters } from './subinterpreters/lesson';
import { estimate as strategyEstimate } from './strategy/estimate';
import { lesson as strategy } from './strategy/lesson';
import { switchIntervalExplainer } from './switch-interval/explain';
import { estimate as switchIntervalEstimate } from './switch-interval/estimate';
import { lesson as switchInterval } from './switch-interval/lesson';

interface Lesson {
  experiment: Experiment;
  explainer: Explainer;
  /** How long a run takes, worked out before it starts (the 10-minute cap). */
  estimate: LessonEstimate;
}

const LESSONS: Readonly<Record<ExperimentId, Lesson>> = {
  'cpu-bound': { experiment: cpuBound, explainer: cpuBoundExplainer, estimate: cpuBoundEstimate },
  'io-bound': { experiment: ioBound, explainer: ioBoundExplainer, estimate: ioBoundEstimate },
  scaling: { experiment: scaling, explainer: scalingExplainer, estimate: scalingEstimate },
  'lost-update': { experiment: lostUpdate, explainer: lostUpdateExplainer, estimate: lostUpdateEstimate },
  'counter-race': { experiment: counterRace, explainer: counterRaceExplainer, estimate: counterRaceEstimate },
  'switch-interval': { experiment: switchInterval, explainer: switchIntervalExplainer, estimate: switchIntervalEstimate },
  convoy: { experiment: convoy, explainer: convoyExplainer, estimate: convoyEstimate },
  'native-release': { experiment: nativeRelease, explainer: nativeReleaseExplainer, estimate: nativeReleaseEstimate },
  'free-threaded': { experiment: freeThreaded, explainer: freeThreadedExplainer, estimate: freeThreadedEstimate },
  subinterpreters: { experiment: subinterpreters, explainer: subinterpretersExplainer, estimate: subinterpretersEstimate },
  'process-cost': { experiment: processCost, explainer: processCostExplainer, estimate: processCostEstimate },
  asyncio: { experiment: asyncio, explainer: asyncioExplainer, estimate: asyncioEstimate },
  hybrid: { experiment: hybrid, explainer: hybridExplainer, estimate: hybridEstimate },
  deadlock: { experiment: deadlock, explainer: deadlockExplainer, estimate: deadlockEstimate },
  strategy: { experiment: strategy, explainer: strategyExplainer, estimate: strategyEstimate },
};

/** The course, in order: each lesson builds on the ones before it. */
export const EXPERIMENTS: readonly Experiment[] = EXPERIMENT_IDS.map((id) => LESSONS[id].experiment);

/** Each lesson's run-length estimate, by id: what a host hands the engine and the page checks Run against. */
export const ESTIMATES: Estimates = Object.fromEntries(EXPERIMENT_IDS.map((id) => [id, LESSONS[id].estimate])) as Record<ExperimentId, LessonEstimate>;

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
