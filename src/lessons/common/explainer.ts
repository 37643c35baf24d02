/**
 * What a lesson's explainer is (sentences after a run, and the prediction scored against typed
 * answers) and the small readings every explainer needs. Pure: the renderer and the CLI use it.
 */
import type { Mode, Prediction } from '../../shared/experiments';
import { MODE_PHRASE, secondsText, timesText } from '../../shared/format';
import type { ModeResult } from '../../shared/results';

/** What a run knows besides its results. */
export interface ExplainContext {
  cores: number;
  /** The run's switch interval (ms). */
  switchMs: number;
}

/** What was measured for the prediction, in words, and the answer it gives (exact: a fact, not the nearest value). */
export interface Measured<A extends string = string> {
  text: string;
  answer: A | null;
  exact?: boolean;
}

/** A lesson's reading of its own results. `results` are this lesson's, in run order. */
export interface Explainer<A extends string = string> {
  explain(results: readonly ModeResult[], context: ExplainContext): string[];
  /**
   * False for a lesson that makes no timing claim (a deadlock, the strategy table) or says how busy
   * the machine was in its own words (switch interval); the others get the busy-machine notes.
   */
  busyNotes?: false;
  measure(results: readonly ModeResult[], context: ExplainContext): Measured<A> | null;
}

/** A lesson figure, if it is a finite number. */
export const metric = (r: ModeResult | undefined, key: string): number | null => {
  const v = r?.metrics[key];
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
};

/** The result of the step with this id. */
export const byStep = (results: readonly ModeResult[], stepId: string): ModeResult | undefined => results.find((r) => r.stepId === stepId);

/** The result of a step: its exact id, or else the last result of the mode with that name. */
export function findStep(results: readonly ModeResult[], stepId: string): ModeResult | undefined {
  const exact = byStep(results, stepId);
  if (exact) return exact;
  for (let i = results.length - 1; i >= 0; i--) if (results[i]?.mode === stepId) return results[i];
  return undefined;
}

/** The exact choice if one equals the value, else the nearest on a log scale (2x is as far from 1x as 4x). */
export function nearestChoice<P extends { value: number }>(choices: readonly P[], value: number): P | null {
  const exact = choices.find((c) => c.value === value);
  if (exact) return exact;
  const log = (v: number): number => Math.log(Math.max(v, 1e-3));
  let best: P | null = null;
  for (const c of choices) if (!best || Math.abs(log(c.value) - log(value)) < Math.abs(log(best.value) - log(value))) best = c;
  return best;
}

/** The answer nearest to a measured value. */
export const nearestAnswer = <A extends string>(choices: readonly Prediction<A>[], value: number): A | null => nearestChoice(choices, value)?.answer ?? null;

/** The fastest of some results: the one the program found first, else the shortest wall time. */
export function winner(results: readonly ModeResult[]): ModeResult | undefined {
  const found = results.find((r) => r.findings?.winner !== undefined)?.findings?.winner;
  const fastest = [...results].filter((r) => r.mode !== 'sequential').sort((a, b) => a.wallMs - b.wallMs);
  // The strategy marks its table's best cell with its `best` column; others name the winning mode.
  return results.find((r) => metric(r, 'best') === 1) ?? (found ? results.find((r) => r.mode === found) : undefined) ?? fastest[0];
}

/** "processes finished first (1.90x)", scored against answers named after modes. */
export function winnerMeasure<A extends Mode>(best: ModeResult | undefined, choices: readonly Prediction<A>[], where = ''): Measured<A> | null {
  if (!best) return null;
  const answer = choices.find((c) => c.answer === best.mode)?.answer ?? null;
  return { text: `${MODE_PHRASE[best.mode]} finished first${where} (${timesText(best.speedup)})`, answer, exact: true };
}

/** "threads gave 0.98x" (or "took 0.51 s (9.80x)"), scored by the nearest answer. */
export function speedupMeasure<A extends string>(result: ModeResult | undefined, choices: readonly Prediction<A>[], inSeconds = false): Measured<A> | null {
  if (!result || result.speedup === null) return null;
  // A step named after its mode reads better in words: "native code gave 1.9x".
  const name = result.stepId === result.mode && (result.mode === 'native' || result.mode === 'free-threaded') ? MODE_PHRASE[result.mode] : result.step;
  const text = inSeconds ? `${name} took ${secondsText(result.wallMs)} (${timesText(result.speedup)})` : `${name} gave ${timesText(result.speedup)}`;
  return { text, answer: nearestAnswer(choices, result.speedup) };
}
