import { describe, expect, it } from 'vitest';
import type { Experiment } from './experiments';
import { estimateRun, modeSeconds, perStep, runTooLong, type LessonEstimate } from './run-estimate';

/** Enough of a lesson for the estimate: its modes, all selectable. */
const course = { id: 'cpu-bound', modes: ['sequential', 'threads', 'processes'], modesSelectable: true } as unknown as Experiment;
const byMode: LessonEstimate = (shape) => shape.modes.map((mode) => ({ id: mode, seconds: modeSeconds(mode, false, shape) }));

describe('run estimate, whatever the lesson', () => {
  it('adds calibration and each step start-up to what the lesson counts', () => {
    const estimate = estimateRun(course, { workers: 2, seconds: 10, switchMs: 5 }, 2, () => perStep({ a: 10, b: 20 }));
    expect(estimate.steps.map((s) => s.id)).toEqual(['a', 'b']);
    expect(estimate.steps[0]?.seconds).toBeGreaterThan(10);
    expect(estimate.seconds).toBeGreaterThan(30);
    expect(estimate.seconds).toBeLessThan(33);
  });

  it('counts a real phase as the same steps again on CPython, after its own start', () => {
    const lessonOnly = () => perStep({ a: 150, b: 200 });
    const lab = estimateRun(course, { workers: 2, seconds: 10, switchMs: 5 }, 2, lessonOnly);
    const both = estimateRun(course, { workers: 2, seconds: 10, switchMs: 5, engine: 'both' }, 2, lessonOnly);
    const real = estimateRun(course, { workers: 2, seconds: 10, switchMs: 5, engine: 'cpython' }, 2, lessonOnly);
    expect(both.steps.map((s) => s.id)).toEqual(['a', 'b', 'cpython:a', 'cpython:b']);
    expect(real.steps.map((s) => s.id)).toEqual(['cpython:a', 'cpython:b']);
    expect(both.seconds).toBeGreaterThan(2 * 350);
    expect(real.seconds).toBeGreaterThan(350);
    expect(real.seconds).toBeLessThan(both.seconds - lab.seconds + 1);
    // 350 s of steps fit the 10-minute cap on one engine, not on both.
    expect(runTooLong(course, { workers: 2, seconds: 10, switchMs: 5 }, 2, lessonOnly)).toBeNull();
    expect(runTooLong(course, { workers: 2, seconds: 10, switchMs: 5, engine: 'both' }, 2, lessonOnly)).toMatch(/^this run would take about 11 min/);
  });

  it('counts a baseline timed again after each later real step, on the real phase only', () => {
    const steps = () => perStep({ alone: 10, a: 20, b: 30 });
    const real = estimateRun(course, { workers: 2, seconds: 10, switchMs: 5, engine: 'cpython' }, 2, steps);
    const again = estimateRun(course, { workers: 2, seconds: 10, switchMs: 5, engine: 'cpython', baselineEachStep: true }, 2, steps);
    const first = real.steps[0]?.seconds ?? Number.NaN;
    expect(again.seconds - real.seconds).toBeCloseTo(2 * first, 6);
    const lab = estimateRun(course, { workers: 2, seconds: 10, switchMs: 5, baselineEachStep: true }, 2, steps);
    expect(lab.seconds).toBe(estimateRun(course, { workers: 2, seconds: 10, switchMs: 5 }, 2, steps).seconds);
  });

  it('hands the lesson only the modes asked for, in its own order', () => {
    const estimate = estimateRun(course, { workers: 2, seconds: 1, switchMs: 5, modes: ['processes', 'sequential'] }, 2, byMode);
    expect(estimate.steps.map((s) => s.id)).toEqual(['sequential', 'processes']);
  });

  it('lets GIL threads take turns and processes share the cores', () => {
    const shape = { n: 4, s: 10, cores: 4 };
    expect(modeSeconds('threads', false, shape)).toBe(40);
    expect(modeSeconds('threads', true, shape)).toBe(10);
    expect(modeSeconds('processes', false, shape)).toBeLessThan(11);
    expect(modeSeconds('processes', false, { ...shape, cores: 1 })).toBeGreaterThanOrEqual(40);
  });

  it('refuses past the cap, naming the lesson and the request', () => {
    expect(runTooLong(course, { workers: 2, seconds: 1, switchMs: 5 }, 2, byMode)).toBeNull();
    expect(runTooLong(course, { workers: 2, seconds: 1, switchMs: 5 }, 2, () => [{ id: 'long', seconds: 700 }])).toMatch(
      /^this run would take about 11 min 41 s \(cpu-bound with 2 worker\(s\) of 1 s\), more than the 10 min/,
    );
  });
});
