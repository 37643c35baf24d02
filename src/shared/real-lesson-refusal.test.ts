import { describe, expect, it } from 'vitest';
import type { Experiment } from './experiments';
import { hasRealCounterpart, realLessonRefusal } from './python-schemas';

const lesson = (short: string, realNeeds?: Experiment['realNeeds']): Pick<Experiment, 'short' | 'realNeeds'> => ({ short, ...(realNeeds ? { realNeeds } : {}) });
const subinterpreters = lesson('Subinterpreters', { since: { version: [3, 14], feature: 'concurrent.interpreters' } });
const freeThreaded = lesson('Free-threading', { freeThreadedBuild: true });

describe('which interpreter can run a lesson of its own', () => {
  it('a lesson that needs 3.14 is refused by 3.13, not by 3.14 or later', () => {
    expect(realLessonRefusal(subinterpreters, { version: '3.13.0', freeThreaded: false })).toBe(
      'The subinterpreters lesson needs CPython 3.14 or newer (concurrent.interpreters); CPython 3.13.0 cannot run it, so only the simulation runs.',
    );
    expect(realLessonRefusal(subinterpreters, { version: '3.14.0', freeThreaded: false })).toBeNull();
    expect(realLessonRefusal(subinterpreters, { version: '3.15.0a1', freeThreaded: true })).toBeNull();
    expect(realLessonRefusal(subinterpreters, { version: '4.0.0', freeThreaded: false })).toBeNull();
  });

  it('a lesson that needs a free-threaded build is refused by a build with the GIL', () => {
    expect(realLessonRefusal(freeThreaded, { version: '3.11.7', freeThreaded: false })).toMatch(/needs a free-threaded build \(python3\.13t or python3\.14t\); CPython 3\.11\.7 has the GIL/);
    expect(realLessonRefusal(freeThreaded, { version: '3.13.1', freeThreaded: true })).toBeNull();
  });

  it('a lesson that needs nothing runs anywhere, and all three have a counterpart', () => {
    expect(realLessonRefusal(lesson('Counter race'), { version: '3.9.0', freeThreaded: false })).toBeNull();
    for (const id of ['counter-race', 'subinterpreters', 'free-threaded']) expect(hasRealCounterpart(id)).toBe(true);
  });
});
