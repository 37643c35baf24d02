import { describe, expect, it } from 'vitest';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { hasRealCounterpart, realLessonRefusal, REAL_LESSONS } from '../shared/python-schemas';
import { EXPERIMENTS } from './catalogue';

const gil311 = { version: '3.11.7', freeThreaded: false };
const ft314 = { version: '3.14.0', freeThreaded: true };

describe("what the course's lessons ask of a real interpreter", () => {
  it('subinterpreters and free-threading say what they need; every other lesson runs on any CPython 3.9+', () => {
    const refusedOn311 = EXPERIMENTS.filter((e) => realLessonRefusal(e, gil311) !== null).map((e) => e.id);
    expect(refusedOn311).toEqual(expect.arrayContaining(['subinterpreters', 'free-threaded']));
    expect(refusedOn311).toHaveLength(2);
    expect(EXPERIMENTS.filter((e) => realLessonRefusal(e, ft314) !== null)).toEqual([]);
  });

  it('a lesson that states needs has a real counterpart to run', () => {
    for (const e of EXPERIMENTS.filter((x) => x.realNeeds)) expect(hasRealCounterpart(e.id), e.id).toBe(true);
  });

  it('the lessons with a real counterpart are exactly those with their own Python in python/lessons', () => {
    const programs = readdirSync(join(__dirname, '..', '..', 'python', 'lessons')).filter((f) => f.endsWith('.py')).map((f) => f.slice(0, -3));
    expect([...programs].sort()).toEqual([...REAL_LESSONS].sort());
  });
});
