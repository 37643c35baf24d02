/**
 * The run controls as typed text plus their validation. Inputs keep the raw text so a user can
 * clear a field and type, while Run stays disabled with the schema's own sentence until the
 * request would be accepted by the engine.
 */
import type { Experiment, FreeThreadedBuild, Mode } from '../../../shared/experiments';
import { ESTIMATES } from '../../../lessons/catalogue';
import { runTooLong } from '../../../shared/run-estimate';
import type { EngineChoice } from '../../../shared/python-schemas';
import { describeIssue, runRequestSchema, watchCoresSchema, type RunRequest } from '../../../shared/schemas';

/** The fields as typed, before parsing. */
export interface ControlValues {
  modes: Mode[];
  workers: string;
  seconds: string;
  switchMs: string;
  /** The free-threaded build modelled, where the lesson offers the choice. */
  build?: FreeThreadedBuild;
}

/** A lesson's own defaults: every mode on, as the lesson was written. Hidden controls keep these. */
export function defaultControls(experiment: Experiment): ControlValues {
  return {
    modes: [...experiment.modes],
    workers: String(experiment.defaults.workers),
    seconds: String(experiment.defaults.seconds),
    switchMs: String(experiment.defaults.switchMs),
    ...(experiment.defaults.build ? { build: experiment.defaults.build } : {}),
  };
}

/** An empty or non-numeric field becomes NaN, which the schema names as "must be a number". */
export function toNumber(text: string): number {
  const trimmed = text.trim();
  return trimmed === '' ? Number.NaN : Number(trimmed);
}

/**
 * The first problem as a sentence beside its field. The schema's messages already name the
 * field ("switch interval must be..."), so the wire-format path prefix is left off here.
 */
function sentence(error: Parameters<typeof describeIssue>[0]): string {
  return error.issues[0]?.message ?? describeIssue(error);
}

/** A parsed value, or the sentence to show instead. */
export type Checked<T> = { ok: true; value: T } | { ok: false; error: string };

/** The request Run would send, or the sentence saying what to fix; `real` counts a real phase (and its baselines timed again) in the cap. */
export function checkRequest(
  experiment: Experiment,
  values: ControlValues,
  cores: number,
  real: { engine: EngineChoice; baselineEachStep?: boolean } = { engine: 'lab' },
): Checked<RunRequest> {
  if (experiment.modesSelectable && !experiment.modes.some((m) => values.modes.includes(m))) {
    return { ok: false, error: 'choose at least one mode to run' };
  }
  const parsed = runRequestSchema(cores).safeParse({
    experiment: experiment.id,
    // The engine runs modes in the lesson's order, whatever order they were ticked in; a lesson
    // with a fixed set of steps always runs them all.
    modes: experiment.modesSelectable ? experiment.modes.filter((m) => values.modes.includes(m)) : [...experiment.modes],
    workers: toNumber(values.workers),
    seconds: toNumber(values.seconds),
    switchMs: toNumber(values.switchMs),
    ...(experiment.controls.build !== undefined && values.build ? { build: values.build } : {}),
  });
  if (!parsed.success) return { ok: false, error: sentence(parsed.error) };
  // The engine refuses a run past the cap with this same sentence; saying it here keeps Run disabled.
  const tooLong = runTooLong(experiment, { ...parsed.data, engine: real.engine, baselineEachStep: real.baselineEachStep }, cores, ESTIMATES[experiment.id]);
  return tooLong === null ? { ok: true, value: parsed.data } : { ok: false, error: tooLong };
}

/** The sampling rate to ask for, or the sentence saying what to fix. */
export function checkHz(text: string): Checked<number> {
  const parsed = watchCoresSchema.safeParse({ hz: toNumber(text) });
  return parsed.success ? { ok: true, value: parsed.data.hz } : { ok: false, error: sentence(parsed.error) };
}
