import { describe, expect, it } from 'vitest';
import type { ModeResult, RunEvent } from '../../../shared/results';
import { result as fixtureResult } from './test-fixtures';
import { initialSession, resultKey, runResults, sessionReducer, type SessionState } from './session';

const result = (step: string, mode: ModeResult['mode'], runId = 'r'): ModeResult => fixtureResult(runId, step, mode);

const started = (runId: string, steps: string[]): RunEvent => ({ type: 'run-started', runId, experiment: 'cpu-bound', modes: ['threads'], steps, workers: 4 });
const stepStarted = (step: string, mode: ModeResult['mode']): RunEvent => ({
  type: 'mode-started',
  runId: 'r',
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
      expect.objectContaining({ runId: 'r', number: 1, steps: ['sequential', 'threads'], prediction: { answer: '4x', label: 'about 4x', value: 4 }, outcome: 'finished' }),
    ]);
    expect(state.runMs).toBe(6000);
  });

  it('keeps steps that share a mode apart', () => {
    const state = play([
      started('r', ['1 ms interval', '5 ms interval']),
      stepStarted('1 ms interval', 'threads'),
      { type: 'mode-finished', runId: 'r', result: result('1 ms interval', 'threads') },
      stepStarted('5 ms interval', 'threads'),
      { type: 'mode-finished', runId: 'r', result: result('5 ms interval', 'threads') },
    ]);
    expect(state.step).toBe('5 ms interval');
    expect(runResults(state.results, 'r').map(resultKey)).toHaveLength(2);
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
