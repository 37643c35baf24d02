/**
 * Every wait of the engine has an end. These turn a promise that might never settle (a worker
 * that will not die, a sample that never comes) into one that answers in bounded time.
 */

/** How long stopping one worker may take before the engine gives up on it and says so. */
export const STOP_LIMIT_MS = 2_000;

/** Resolves true once `promise` settles, or false after `ms` if it has not. */
export function settlesWithin(promise: Promise<unknown>, ms: number): Promise<boolean> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), ms);
    const done = (): void => {
      clearTimeout(timer);
      resolve(true);
    };
    promise.then(done, done);
  });
}

/**
 * Resolves with `promise`'s value, or with `fallback` as soon as `signal` aborts: for waits that a
 * cancel should cut short (a sample that would arrive after the run is over anyway).
 */
export function unlessAborted<T, F>(promise: Promise<T>, signal: AbortSignal, fallback: F): Promise<T | F> {
  if (signal.aborted) return Promise.resolve(fallback);
  return new Promise((resolve, reject) => {
    const onAbort = (): void => resolve(fallback);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}
