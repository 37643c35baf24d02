import { describe, expect, it } from 'vitest';
import { hasRealCounterpart, realLessonRefusal } from './python-schemas';

describe('which interpreter can run a lesson of its own', () => {
  it('subinterpreters need 3.14 or newer', () => {
    expect(realLessonRefusal('subinterpreters', { version: '3.13.0', freeThreaded: false })).toBe(
      'The subinterpreters lesson needs CPython 3.14 or newer (concurrent.interpreters); CPython 3.13.0 cannot run it, so only the simulation runs.',
    );
    expect(realLessonRefusal('subinterpreters', { version: '3.14.0', freeThreaded: false })).toBeNull();
    expect(realLessonRefusal('subinterpreters', { version: '3.15.0a1', freeThreaded: true })).toBeNull();
  });

  it('the free-threaded lesson needs a free-threaded build', () => {
    expect(realLessonRefusal('free-threaded', { version: '3.11.7', freeThreaded: false })).toMatch(/needs a free-threaded build \(python3\.13t or python3\.14t\); CPython 3\.11\.7 has the GIL/);
    expect(realLessonRefusal('free-threaded', { version: '3.13.1', freeThreaded: true })).toBeNull();
  });

  it('the counter race runs anywhere, and all three have a counterpart', () => {
    expect(realLessonRefusal('counter-race', { version: '3.9.0', freeThreaded: false })).toBeNull();
    for (const id of ['counter-race', 'subinterpreters', 'free-threaded']) expect(hasRealCounterpart(id)).toBe(true);
  });
});
