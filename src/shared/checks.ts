/**
 * Schemas for the few shapes the engine sends into its workers, without zod.
 *
 * Loading zod costs each worker_thread about 55 ms and each child process about 60 ms (measured:
 * a pool thread ready in 27 ms plain, 82 ms with zod; a process 78 ms, 140 ms). That time would
 * land in the start-up figures the process-cost lesson teaches and in every step's start, so the
 * workers check what they receive with these instead: the same idea (parse, never cast; a bad
 * value gets a sentence naming the field), a few dozen lines. The engine keeps zod.
 */

/** Returns `value` as a T, or throws a CheckFailed naming `path`. */
export type Check<T> = (value: unknown, path: string) => T;
export type Checked<C> = C extends Check<infer T> ? T : never;

export class CheckFailed extends Error {}

const fail = (path: string, wanted: string): never => {
  throw new CheckFailed(`${path} must be ${wanted}`);
};

/** A finite number in [min, max]; with `whole`, an integer. */
export function number(min = -Number.MAX_VALUE, max = Number.MAX_VALUE, whole = false): Check<number> {
  const wanted = `${whole ? 'a whole number' : 'a number'} from ${min} to ${max}`;
  return (value, path) =>
    typeof value === 'number' && Number.isFinite(value) && value >= min && value <= max && (!whole || Number.isInteger(value)) ? value : fail(path, wanted);
}

export const whole = (min = 0, max = Number.MAX_SAFE_INTEGER): Check<number> => number(min, max, true);

export const boolean: Check<boolean> = (value, path) => (typeof value === 'boolean' ? value : fail(path, 'true or false'));

/** Anything: a payload passed through untouched. */
export const anything: Check<unknown> = (value) => value;

export function oneOf<L extends string>(...values: L[]): Check<L> {
  return (value, path) => ((values as unknown[]).includes(value) ? (value as L) : fail(path, `one of ${values.join(', ')}`));
}

export function array<T>(item: Check<T>, max: number): Check<T[]> {
  return (value, path) => {
    if (!Array.isArray(value)) return fail(path, 'a list');
    if (value.length > max) return fail(path, `a list of at most ${max}`);
    return value.map((v, i) => item(v, `${path}[${i}]`));
  };
}

export const instanceOf =
  <T>(type: abstract new (...args: never[]) => T, name: string): Check<T> =>
  (value, path) =>
    value instanceof type ? value : fail(path, `a ${name}`);

type Shape = Record<string, Check<unknown>>;

/**
 * An object with the `required` and `optional` fields, rebuilt from those alone: other keys
 * (a `__proto__` among them) are left behind, as zod's object does.
 */
export function object<R extends Shape, O extends Shape = Record<never, never>>(
  required: R,
  optional?: O,
): Check<{ [K in keyof R]: Checked<R[K]> } & { [K in keyof O]?: Checked<O[K]> }> {
  return (value, path) => {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return fail(path, 'an object');
    const source = value as Record<string, unknown>;
    const out: Record<string, unknown> = {};
    for (const [key, check] of Object.entries(required)) out[key] = check(Object.hasOwn(source, key) ? source[key] : undefined, `${path}.${key}`);
    for (const [key, check] of Object.entries(optional ?? {})) {
      if (Object.hasOwn(source, key) && source[key] !== undefined) out[key] = check(source[key], `${path}.${key}`);
    }
    return out as { [K in keyof R]: Checked<R[K]> } & { [K in keyof O]?: Checked<O[K]> };
  };
}

/** One of several objects told apart by the string in `key` (a discriminated union). */
export function tagged<M extends Record<string, Check<unknown>>>(key: string, variants: M): Check<Checked<M[keyof M]>> {
  const names = Object.keys(variants);
  return (value, path) => {
    const tag = typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[key] : undefined;
    const variant = typeof tag === 'string' && Object.hasOwn(variants, tag) ? variants[tag] : undefined;
    if (!variant) return fail(`${path}.${key}`, `one of ${names.join(', ')}`);
    return variant(value, path) as Checked<M[keyof M]>;
  };
}

export const literal = <L extends string>(value: L): Check<L> => oneOf(value);

/** Runs a check: the value, or the sentence saying what was wrong with it. */
export function parseWith<T>(check: Check<T>, value: unknown, name: string): { ok: true; value: T } | { ok: false; error: string } {
  try {
    return { ok: true, value: check(value, name) };
  } catch (error) {
    if (error instanceof CheckFailed) return { ok: false, error: error.message };
    throw error;
  }
}
