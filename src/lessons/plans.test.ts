/**
 * What every lesson's program plans: steps with distinct ids (results and timelines are kept by
 * id) and distinct labels (a tab, a table row or a chart bar is told apart by what it says, and
 * nothing outside a lesson compares labels to find out).
 */
import { describe, expect, it } from 'vitest';
import type { RunRequest } from '../shared/schemas';
import { EXPERIMENTS } from './catalogue';
import { PROGRAMS } from './programs';

const REQUESTS: Omit<RunRequest, 'experiment'>[] = [
  { workers: 1, seconds: 0.5, switchMs: 5 },
  { workers: 5, seconds: 1, switchMs: 0.1 },
  { workers: 16, seconds: 2, switchMs: 100 },
];

describe('every lesson plans distinct steps', () => {
  it.each(EXPERIMENTS.map((e) => [e.id, e] as const))('%s', (_id, experiment) => {
    for (const request of [experiment.defaults, ...REQUESTS]) {
      for (const cores of [1, 2, 8, 64]) {
        const steps = PROGRAMS[experiment.id].steps(experiment, { experiment: experiment.id, ...request }, cores);
        const where = `${JSON.stringify(request)} on ${cores}`;
        expect(steps.length, where).toBeGreaterThan(0);
        expect(new Set(steps.map((s) => s.id)).size, where).toBe(steps.length);
        expect(new Set(steps.map((s) => s.label)).size, where).toBe(steps.length);
      }
    }
  });
});
