import { describe, expect, it } from 'vitest';
import { findExperiment } from '../../lessons/catalogue';
import type { Experiment } from '../../shared/experiments';
import { realPlan } from './real-phase';

describe("a real phase's plan", () => {
  it("is the simulation's plan under real ids and labels", () => {
    expect(realPlan({}, [{ id: 'sequential', label: 'sequential' }, { id: 'threads', label: 'threads' }])).toEqual([
      { id: 'cpython:sequential', label: 'sequential · CPython' },
      { id: 'cpython:threads', label: 'threads · CPython' },
    ]);
  });

  it('leaves out the steps the lesson says its Python cannot measure', () => {
    const freeThreaded = findExperiment('free-threaded') as Experiment;
    const simulated = ['sequential', 'threads', 'free-threaded', 'single-thread'].map((id) => ({ id, label: id }));
    expect(realPlan(freeThreaded, simulated).map((s) => s.id)).toEqual(['cpython:sequential', 'cpython:free-threaded']);
  });
});
