import { describe, expect, it } from 'vitest';
import type { ModeResult, RunEvent } from '../../../shared/results';
import { result as fixtureResult } from './test-fixtures';
import { initialSession, runResults, sameResult, sessionReducer, type SessionState } from './session';

const result = (step: string, mode: ModeResult['mode'], runId = 'r'): ModeResult => fixtureResult(runId, step, mode);

/** Steps by id, each labelled with its id. */
const started = (runId: string, steps: string[]): RunEvent => ({ type: 'run-started', runId, experiment: 'cpu-bound', modes: ['threads'], steps: steps.map((id) => ({ id, label: id })), workers: 4 });
const stepStarted = (stepId: string, mode: ModeResult['mode'], step = stepId): RunEvent => ({
  type: 'mode-started',
  runId: 'r',
  stepId,
  step,
  mode,
  workers: 4,
  workerLabels: [],
  startedAt: 0,
  spawnToGoMs: 30,
});

function play(events: RunEvent[], from: SessionState = initialSession): SessionState {
  const prediction = { answer: '4x', label: 'about 4x', value: 4 };
  return events.reduce((state, event, i) => sessionReducer(state, { type: 'event', event, now: 1000 * i, prediction }), from);
}

describe('sessionReducer', () => {
  it('follows a run step by step and keeps each result once', () => {
    const state = play([
      started('r', ['sequential', 'threads']),
      { type: 'calibrating', runId: 'r' },
      stepStarted('sequential', 'sequential'),
      { type: 'mode-finished', runId: 'r', result: result('sequential', 'sequential') },
      stepStarted('threads', 'threads'),
      { type: 'mode-finished', runId: 'r', result: result('threads', 'threads') },
      { type: 'run-finished', runId: 'r', results: [result('sequential', 'sequential'), result('threads', 'threads')] },
    ]);
    expect(state.phase).toBe('finished');
    expect(state.results.map((r) => r.step)).toEqual(['sequential', 'threads']);
    expect(state.runs).toEqual([
      expect.objectContaining({ runId: 'r', number: 1, steps: [{ id: 'sequential', label: 'sequential' }, { id: 'threads', label: 'threads' }], prediction: { answer: '4x', label: 'about 4x', value: 4 }, outcome: 'finished' }),
    ]);
    expect(state.runMs).toBe(6000);
  });

  it('keeps steps that share a mode apart', () => {
    const state = play([
      started('r', ['interval-1', 'interval-5']),
      stepStarted('interval-1', 'threads', '1 ms interval'),
      { type: 'mode-finished', runId: 'r', result: result('interval-1', 'threads') },
      stepStarted('interval-5', 'threads', '5 ms interval'),
      { type: 'mode-finished', runId: 'r', result: result('interval-5', 'threads') },
    ]);
    expect(state.stepId).toBe('interval-5');
    expect(state.step).toBe('5 ms interval');
    expect(runResults(state.results, 'r').map((r) => r.stepId)).toEqual(['interval-1', 'interval-5']);
  });

  it('knows a result by run, step id and mode: a relabelled copy is the same result, another mode of one step is not', () => {
    const cpuThreads = { ...result('cpu', 'threads'), step: 'CPU-bound' };
    const relabelled = { ...cpuThreads, step: 'CPU-bound work' };
    const cpuProcesses = { ...result('cpu', 'processes'), step: 'CPU-bound' };
    expect(sameResult(cpuThreads, relabelled)).toBe(true);
    expect(sameResult(cpuThreads, cpuProcesses)).toBe(false);
    expect(sameResult(cpuThreads, { ...cpuThreads, runId: 'other' })).toBe(false);
    const state = play([
      started('r', ['cpu']),
      { type: 'mode-finished', runId: 'r', result: cpuThreads },
      { type: 'mode-finished', runId: 'r', result: cpuProcesses },
      { type: 'run-finished', runId: 'r', results: [relabelled, cpuProcesses] },
    ]);
    expect(state.results.map((r) => `${r.step} ${r.mode}`)).toEqual(['CPU-bound threads', 'CPU-bound processes']);
  });

  it('records a failure with its sentence and ignores stale events of an older run', () => {
    const running = play([started('r2', ['threads'])]);
    const stale = play([{ type: 'mode-finished', runId: 'old', result: result('threads', 'threads', 'old') }], running);
    expect(stale.results).toEqual([]);
    const failed = play([{ type: 'run-failed', runId: 'r2', message: 'worker 1 failed' }], running);
    expect(failed.phase).toBe('failed');
    expect(failed.failure).toBe('worker 1 failed');
  });

  it('ends a run in progress when the host is lost, and returns to idle when a start is refused', () => {
    const running = play([started('r', ['threads'])]);
    const lost = sessionReducer(running, { type: 'host-lost', now: 5, message: 'gone' });
    expect(lost.phase).toBe('failed');
    const refused = sessionReducer(sessionReducer(initialSession, { type: 'starting' }), { type: 'start-refused' });
    expect(refused.phase).toBe('idle');
  });
});
