/**
 * The lost-update race's start line. The engine's GO wakes every thread at once, but a woken
 * thread still waits for a core: on a loaded laptop one thread could finish its few tens of
 * milliseconds of increments before the OS ran the other, and the step would count every
 * increment, which is not what threads without a lock do. Each thread spins here, running,
 * until all have arrived, so the race starts with the threads on cores at the same time.
 */
import { GIL, workersSharing } from '../../shared/gil-layout';

/** Longest wait for the others: past it a thread starts alone rather than hold up the run. */
export const START_LINE_LIMIT_MS = 2_000;

/** Spins between looks at the clock and the cancel word: a few microseconds. */
const SPINS_PER_LOOK = 256;

export type StartLine = 'together' | 'alone' | 'cancelled';

/**
 * Counts this thread in and spins until every thread sharing `words` has arrived, the run is
 * cancelled, or `limitMs` has passed. A sleep would not do: a thread woken from one is not yet
 * running, and the point is that all are.
 */
export function reachStartLine(
  words: Int32Array,
  now: () => number,
  cancelled: () => boolean,
  limitMs = START_LINE_LIMIT_MS,
): StartLine {
  const parties = workersSharing(words);
  if (Atomics.add(words, GIL.AT_START, 1) + 1 >= parties) return 'together';
  const until = now() + limitMs;
  for (;;) {
    for (let i = 0; i < SPINS_PER_LOOK; i++) {
      if (Atomics.load(words, GIL.AT_START) >= parties) return 'together';
    }
    if (cancelled()) return 'cancelled';
    if (now() >= until) return 'alone';
  }
}
