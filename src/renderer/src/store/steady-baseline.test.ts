/**
 * CPython's baseline timed around each step, from the page: offered only where it means
 * something, sent with the run, counted in the run's estimate, and the speedup it gives shown.
 */
import { describe, expect, it } from 'vitest';
import { EXPERIMENTS } from '../../../lessons/catalogue';
import type { ExperimentId } from '../../../shared/experiments';
import type { PythonInfo } from '../../../shared/python-schemas';
import { realStepId, realStepLabel } from '../../../shared/side-by-side';
import { checkRequest } from './controls';
import { engineFor, initialPythonChoice, pythonReducer, steadyBaselineOffered, type PythonAction, type PythonChoiceState } from './python-choice';
import { runResults } from './session';
import { after, freshState, result, run } from './test-fixtures';

const PY: PythonInfo = { executable: '/usr/bin/python3', version: '3.11.7', freeThreaded: false, gilEnabled: true, label: 'CPython 3.11.7', sources: ['PATH: python3'] };
const lesson = (id: ExperimentId) => {
  const found = EXPERIMENTS.find((e) => e.id === id);
  if (!found) throw new Error(`no lesson ${id}`);
  return found;
};
const choice = (...actions: PythonAction[]): PythonChoiceState =>
  [{ type: 'found', list: { pythons: [PY] } } as PythonAction, ...actions].reduce(pythonReducer, initialPythonChoice);

describe('steady baseline', () => {
  it('is offered while CPython runs a lesson whose baseline can be timed again, and off until chosen', () => {
    const chosen = choice({ type: 'choose', executable: PY.executable });
    expect(steadyBaselineOffered(chosen, lesson('cpu-bound'))).toBe(true);
    expect(engineFor(chosen, lesson('cpu-bound'))).toEqual({ engine: 'both', python: PY.executable });
    // A baseline that only waits (io-bound) or no speedups at all (switch-interval): nothing to time again.
    expect(steadyBaselineOffered(chosen, lesson('io-bound'))).toBe(false);
    expect(steadyBaselineOffered(chosen, lesson('switch-interval'))).toBe(false);
    // The simulation alone, or no interpreter: no CPython to ask.
    expect(steadyBaselineOffered(pythonReducer(chosen, { type: 'engine', engine: 'lab' }), lesson('cpu-bound'))).toBe(false);
    expect(steadyBaselineOffered(choice(), lesson('cpu-bound'))).toBe(false);
  });

  it('goes with the run where offered, and nowhere else', () => {
    const on = choice({ type: 'choose', executable: PY.executable }, { type: 'steady-baseline', on: true });
    expect(engineFor(on, lesson('scaling'))).toEqual({ engine: 'both', python: PY.executable, baselineEachStep: true });
    expect(engineFor(on, lesson('io-bound'))).toEqual({ engine: 'both', python: PY.executable });
    expect(engineFor(pythonReducer(on, { type: 'engine', engine: 'lab' }), lesson('scaling'))).not.toHaveProperty('baselineEachStep');
  });

  it("counts the baselines timed again in the run's estimate: a run near the cap can be pushed past it", () => {
    const cpu = lesson('cpu-bound');
    // 3 workers x 30 s on 2 cores, both engines: under the 10-minute cap; the baseline timed
    // again after each of the two steps compared with it takes it over.
    const values = { modes: ['sequential', 'threads', 'processes'] as const, workers: '3', seconds: '30', switchMs: '5' };
    const plain = checkRequest(cpu, { ...values, modes: [...values.modes] }, 2, { engine: 'both' });
    const steady = checkRequest(cpu, { ...values, modes: [...values.modes] }, 2, { engine: 'both', baselineEachStep: true });
    expect(plain.ok).toBe(true);
    expect(steady.ok).toBe(false);
    if (!steady.ok) expect(steady.error).toMatch(/^this run would take about 10 min/);
  });

  it("shows a real step's speedup against the baseline around it, keeping the first one", () => {
    const real = {
      ...result('r1', 'processes', 'processes'),
      stepId: realStepId('processes'),
      step: realStepLabel('processes'),
      engine: 'cpython' as const,
      speedup: 2.05,
      metrics: { speedupAround: 1.86, baselineAroundMs: 3800 },
    };
    const lab = { ...result('r1', 'processes', 'processes'), speedup: 1.81 };
    const state = after(freshState(), run('r1').started(['sequential', 'processes']), run('r1').finished([lab, real]));
    const shown = runResults(state.session.results, 'r1');
    expect(shown.find((r) => r.engine === 'cpython')).toMatchObject({ speedup: 1.86, metrics: { speedupAround: 1.86, speedupFirstBaseline: 2.05 } });
    expect(shown.find((r) => r.engine !== 'cpython')?.speedup).toBe(1.81);
  });
});
