import { describe, expect, it } from 'vitest';
import type { ModeResult, RunEvent } from '../../../shared/results';
import { initialSession, sessionReducer, type SessionState } from './session';

const result = (mode: ModeResult['mode'], runId = 'r'): ModeResult => ({
  runId,
  experiment: 'cpu-bound',
  mode,
  task: 'cpu',
  workers: 4,
  tasks: 4,
  taskSeconds: 1,
  switchMs: 5,
  wallMs: 4000,
  startupMs: 10,
  speedup: 1,
  coresBusy: 1,
  gilSwitches: 10,
  forcedSwitches: 5,
  holdMs: 4000,
  waitMs: 12000,
  ioMs: 0,
  violations: 0,
  perWorker: [],
  finishedAt: '',
});

function play(events: RunEvent[], prediction: number | null = null, from: SessionState = initialSession): SessionState {
  return events.reduce((state, event, i) => sessionReducer(state, { type: 'event', event, now: 1000 * i, prediction }), from);
}

describe('sessionReducer', () => {
  it('follows a run from start to finish and keeps each result once', () => {
    const state = play(
      [
        { type: 'run-started', runId: 'r', experiment: 'cpu-bound', modes: ['sequential', 'threads'], workers: 4 },
        { type: 'calibrating', runId: 'r' },
        { type: 'mode-started', runId: 'r', mode: 'sequential', workers: 1, startedAt: 0 },
        { type: 'mode-finished', runId: 'r', result: result('sequential') },
        { type: 'mode-started', runId: 'r', mode: 'threads', workers: 4, startedAt: 0 },
        { type: 'mode-finished', runId: 'r', result: result('threads') },
        { type: 'run-finished', runId: 'r', results: [result('sequential'), result('threads')] },
      ],
      4,
    );
    expect(state.phase).toBe('finished');
    expect(state.results.map((r) => r.mode)).toEqual(['sequential', 'threads']);
    expect(state.runs).toEqual([expect.objectContaining({ runId: 'r', number: 1, prediction: 4, outcome: 'finished' })]);
    expect(state.runMs).toBe(6000);
  });

  it('records a failure with its sentence and ignores stale events of an older run', () => {
    const started = play([{ type: 'run-started', runId: 'r2', experiment: 'cpu-bound', modes: ['threads'], workers: 4 }]);
    const stale = play([{ type: 'mode-finished', runId: 'old', result: result('threads', 'old') }], null, started);
    expect(stale.results).toEqual([]);
    const failed = play([{ type: 'run-failed', runId: 'r2', message: 'worker 1 failed' }], null, started);
    expect(failed.phase).toBe('failed');
    expect(failed.failure).toBe('worker 1 failed');
  });

  it('ends a run in progress when the host is lost, and returns to idle when a start is refused', () => {
    const started = play([{ type: 'run-started', runId: 'r', experiment: 'cpu-bound', modes: ['threads'], workers: 4 }]);
    const lost = sessionReducer(started, { type: 'host-lost', now: 5, message: 'gone' });
    expect(lost.phase).toBe('failed');
    const refused = sessionReducer(sessionReducer(initialSession, { type: 'starting' }), { type: 'start-refused' });
    expect(refused.phase).toBe('idle');
  });
});
