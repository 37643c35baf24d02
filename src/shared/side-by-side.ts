/**
 * A lesson run on both engines, read side by side. CPython's steps travel in the same run as the
 * simulation's, under their own step id (`cpython:` + the lesson's id) and label ("threads · CPython"),
 * so nothing keyed by step confuses the two; this file is the one place that pairs them again.
 */
import { coresExceeded } from './busy-machine';
import type { MetricColumn } from './experiments';
import { osLateClause } from './os-timing';
import type { ModeResult } from './results';
import type { PythonRun } from './python-schemas';

const PREFIX = 'cpython:';
const SUFFIX = ' · CPython';

/** The step id and label a real step carries in a run (events and results). */
export const realStepId = (id: string): string => (id.startsWith(PREFIX) ? id : `${PREFIX}${id}`);
export const realStepLabel = (label: string): string => `${label}${SUFFIX}`;

/** The lesson's own step id of a result, whichever engine produced it. */
export const lessonStepId = (r: Pick<ModeResult, 'stepId'>): string => (r.stepId.startsWith(PREFIX) ? r.stepId.slice(PREFIX.length) : r.stepId);
/** The step's label without the engine's mark: the engine decides, the label is only trimmed. */
export const lessonStepLabel = (r: Pick<ModeResult, 'engine' | 'step'>): string => (isReal(r) ? r.step.slice(0, r.step.length - SUFFIX.length) : r.step);

export const isReal = (r: Pick<ModeResult, 'engine'>): boolean => r.engine === 'cpython';
/** The simulation's results (a result without an engine is the simulation's). */
export const labResults = (results: readonly ModeResult[]): ModeResult[] => results.filter((r) => !isReal(r));
export const realResults = (results: readonly ModeResult[]): ModeResult[] => results.filter(isReal);

/** The interpreter that produced some of these results, if any. */
export const pythonOf = (results: readonly ModeResult[]): PythonRun | null => results.find((r) => r.python)?.python ?? null;

/** "CPython 3.11", the short name a chart or a column uses. */
export function pythonShortName(python: Pick<PythonRun, 'version' | 'freeThreaded'> | null): string {
  if (!python) return 'CPython';
  const [major, minor] = python.version.split('.');
  return `CPython ${major}.${minor}${python.freeThreaded ? 't' : ''}`;
}

/** lab / CPython, or null when either side is missing or zero. */
export function ratio(lab: number | null | undefined, real: number | null | undefined): number | null {
  if (lab === null || lab === undefined || real === null || real === undefined || !Number.isFinite(lab) || !Number.isFinite(real) || real === 0) return null;
  return lab / real;
}

/** One step measured on both engines (either may be missing: the two plans differ in places). */
export interface StepPair {
  stepId: string;
  label: string;
  lab: ModeResult | null;
  real: ModeResult | null;
  /** lab / CPython of the speedup, and of the wall time. */
  speedupRatio: number | null;
  wallRatio: number | null;
}

/**
 * A real step as the page shows it: where CPython timed its baseline around the step
 * (`baselineEachStep`), the speedup against that baseline is the one shown, compared and exported,
 * and the one against the first baseline is kept as `speedupFirstBaseline`. The engine's own
 * result (and `--json`) keep both under their first names.
 */
export function withSpeedupAround(r: ModeResult): ModeResult {
  const around = r.metrics['speedupAround'];
  if (!isReal(r) || typeof around !== 'number' || !Number.isFinite(around) || r.speedup === null) return r;
  return { ...r, speedup: around, metrics: { ...r.metrics, speedupFirstBaseline: r.speedup } };
}

/** The steps of one run, paired by the lesson's step id, in the simulation's order then CPython's extras. */
export function pairSteps(results: readonly ModeResult[]): StepPair[] {
  const pairs = new Map<string, StepPair>();
  const ordered = [...labResults(results), ...realResults(results)];
  for (const r of ordered) {
    const id = lessonStepId(r);
    const pair = pairs.get(id) ?? { stepId: id, label: lessonStepLabel(r), lab: null, real: null, speedupRatio: null, wallRatio: null };
    if (isReal(r)) pair.real = r;
    else pair.lab = r;
    pairs.set(id, pair);
  }
  return [...pairs.values()].map((p) => ({
    ...p,
    speedupRatio: ratio(p.lab?.speedup, p.real?.speedup),
    wallRatio: ratio(p.lab?.wallMs, p.real?.wallMs),
  }));
}

/** Within ±band of 1: the two engines agree on this figure. */
export const agrees = (r: number | null, band = 0.15): boolean => r !== null && Math.abs(r - 1) <= band;

/** How close a lesson's own figure must be on both engines to agree. */
export const METRIC_BAND = 0.25;

const figure = (v: number | null | undefined): v is number => typeof v === 'number' && Number.isFinite(v);

/**
 * The lesson's own figure the two engines are compared on where its steps have no speedup (the
 * median hold of switch-interval, the response time of convoy): the first of its columns measured
 * on both sides that is not a setting (the same on both sides for every step).
 */
export function keyMetric(results: readonly ModeResult[], metrics: readonly MetricColumn[]): MetricColumn | null {
  const both = pairSteps(results).filter((p) => p.lab && p.real);
  const measured = (m: MetricColumn): boolean => both.some((p) => figure(p.lab?.metrics[m.key]) && figure(p.real?.metrics[m.key]));
  const setting = (m: MetricColumn): boolean => both.every((p) => p.lab?.metrics[m.key] === p.real?.metrics[m.key]);
  return metrics.find((m) => measured(m) && !setting(m)) ?? null;
}

/**
 * A speedup of CPU work more than the machine's cores can give a step's workers, said as the measuring
 * artefact it is: the baseline and the step were timed at different speeds of the same machine
 * (CPython's loop here changes speed between seconds; a laptop's clock does on battery). Null
 * when the figure is possible.
 */
export function beyondCores(r: Pick<ModeResult, 'speedup' | 'workers' | 'task'>, cores: number, x: (v: number) => string): string | null {
  const most = coresExceeded(r, cores);
  if (most === null || r.speedup === null) return null;
  return `${x(r.speedup)} is more than ${most} ${most === 1 ? 'core' : 'cores'} can give: the machine ran its sequential baseline slower than this step, its speed having changed between the two (a shared or power-saving machine does that), so this one figure says more about the machine than about the GIL; run again to see it settle.`;
}

/**
 * A step with no speedup in a run whose other steps have one (process-cost's start-up and round
 * trips): the lesson's figure it is compared on, the first measured on both sides and not zero on
 * CPython's, a timing (ms) before any other. Null when there is none.
 */
export function rowMetric(p: StepPair, metrics: readonly MetricColumn[]): MetricColumn | null {
  const both = metrics.filter((m) => ratio(p.lab?.metrics[m.key], p.real?.metrics[m.key]) !== null);
  return both.find((m) => m.unit === 'ms') ?? both[0] ?? null;
}

/**
 * Where the two engines agree and where they differ, from the numbers: one sentence per step with
 * a speedup on both sides (else with the lesson's key figure, else its wall time), then one
 * summing up. Empty when the run has no pair.
 */
export function compareSentences(results: readonly ModeResult[], band = 0.15, metrics: readonly MetricColumn[] = [], cores: number | null = null): string[] {
  const all = pairSteps(results);
  const pairs = all.filter((p) => p.lab && p.real);
  if (pairs.length === 0) return [];
  const name = pythonShortName(pythonOf(results));
  const x = (v: number): string => `${v.toFixed(v >= 10 ? 0 : 2)}x`;
  const sentences: string[] = [];
  const withSpeedups = pairs.filter((p) => p.speedupRatio !== null);
  for (const p of withSpeedups) {
    const lab = p.lab?.speedup as number;
    const real = p.real?.speedup as number;
    const r = p.speedupRatio as number;
    sentences.push(
      agrees(r, band)
        ? `${p.label}: the simulation and ${name} agree (${x(lab)} and ${x(real)}, ratio ${r.toFixed(2)}).`
        : `${p.label}: they differ: the simulation gave ${x(lab)}, ${name} ${x(real)} (ratio ${r.toFixed(2)}, ${r > 1 ? 'the simulation is the more optimistic' : `${name} did better`}).`,
    );
    const beyond = p.real && cores !== null ? beyondCores(p.real, cores, x) : null;
    if (beyond) sentences.push(`${name}'s ${beyond}`);
  }
  // Steps without a speedup beside those with one are compared on their own figure, judged as loosely as a lesson's timings.
  if (withSpeedups.length > 0) {
    for (const p of pairs.filter((q) => q.speedupRatio === null)) {
      const m = rowMetric(p, metrics);
      const lab = m ? p.lab?.metrics[m.key] : null;
      const real = m ? p.real?.metrics[m.key] : null;
      const r = ratio(lab, real);
      if (!m || !figure(lab) || !figure(real) || r === null) continue;
      const unit = m.unit ? ` ${m.unit}` : '';
      sentences.push(`${p.label}: ${m.label} ${lab.toFixed(m.digits)}${unit} simulated, ${real.toFixed(m.digits)}${unit} on ${name} (ratio ${r.toFixed(2)}, ${agrees(r, METRIC_BAND) ? 'they agree' : 'they differ'}).`);
    }
  }
  const metric = withSpeedups.length === 0 ? keyMetric(results, metrics) : null;
  if (metric) {
    // A lesson's own timings (turn lengths, response times) are judged more loosely than speedups (issue 12: holds within ±25 %).
    band = Math.max(band, METRIC_BAND);
    const unit = metric.unit ? ` ${metric.unit}` : '';
    const shown = (v: number): string => v.toFixed(metric.digits);
    let agreeing = 0;
    let judged = 0;
    let osLate = 0;
    for (const p of pairs) {
      const lab = p.lab?.metrics[metric.key];
      const real = p.real?.metrics[metric.key];
      const r = ratio(lab, real);
      if (!figure(lab) || !figure(real) || r === null) continue;
      // Turns the OS lengthened (measured beside the step) are the machine's, not a mismatch.
      const os = p.real?.findings?.interval === 'woken late' ? p.real.osTiming : undefined;
      if (os) {
        osLate++;
        const mean = p.real?.metrics['meanHoldMs'];
        sentences.push(`${p.label}: ${osLateClause(os, name, real, figure(mean) ? mean : null)}: that is this machine, ${agrees(r, band) ? `and the simulation's ${shown(lab)}${unit}, on the same machine, agrees (ratio ${r.toFixed(2)})` : `not a mismatch with the simulation's ${shown(lab)}${unit}`}.`);
        continue;
      }
      judged++;
      if (agrees(r, band)) agreeing++;
      sentences.push(`${p.label}: ${metric.label} ${shown(lab)}${unit} simulated, ${shown(real)}${unit} on ${name} (ratio ${r.toFixed(2)}, ${agrees(r, band) ? 'they agree' : 'they differ'}).`);
    }
    if (judged > 0) sentences.push(`${agreeing} of ${judged} ${metric.label} figures agree within ±${Math.round(band * 100)} %${osLate > 0 ? `; ${osLate} left out, the OS having not kept the interval on ${name}` : ''}.`);
  } else if (withSpeedups.length === 0) {
    for (const p of pairs) {
      const r = p.wallRatio;
      if (r !== null) sentences.push(`${p.label}: ${p.lab?.wallMs.toFixed(0)} ms simulated, ${p.real?.wallMs.toFixed(0)} ms on ${name} (ratio ${r.toFixed(2)}).`);
    }
  } else {
    const agreeing = withSpeedups.filter((p) => agrees(p.speedupRatio, band)).length;
    sentences.push(
      agreeing === withSpeedups.length
        ? `Every speedup agrees within ±${Math.round(band * 100)} %: the simulation tells what ${name} does on this machine.`
        : `${agreeing} of ${withSpeedups.length} speedups agree within ±${Math.round(band * 100)} %; where they differ, ${name}'s figure is what this machine really does.`,
    );
  }
  return [...sentences, ...unpairedSentences(all, name)];
}

const listed = (labels: string[]): string => (labels.length === 1 ? `"${labels[0]}"` : `${labels.slice(0, -1).map((l) => `"${l}"`).join(', ')} and "${labels[labels.length - 1]}"`);

/** The steps one engine measured and the other has no counterpart for, said rather than left as a blank row. */
function unpairedSentences(pairs: readonly StepPair[], name: string): string[] {
  const labOnly = pairs.filter((p) => p.lab && !p.real).map((p) => p.label);
  const realOnly = pairs.filter((p) => p.real && !p.lab).map((p) => p.label);
  return [
    ...(labOnly.length > 0 ? [`No counterpart on ${name} for ${listed(labOnly)}: the simulation alone measured ${labOnly.length === 1 ? 'that step' : 'those steps'}.`] : []),
    ...(realOnly.length > 0 ? [`Measured on ${name} only, with no simulated counterpart: ${listed(realOnly)}.`] : []),
  ];
}

/**
 * The results a lesson's own explainer reads: the simulation's; on a run of CPython alone, the
 * real steps under the lesson's own ids and labels (the explainer's sentences then speak of them).
 */
export function explainable(results: readonly ModeResult[]): ModeResult[] {
  const lab = labResults(results);
  if (lab.length > 0) return lab;
  return realResults(results).map((r) => ({ ...r, stepId: lessonStepId(r), step: lessonStepLabel(r) }));
}
