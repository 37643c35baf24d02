import { describe, expect, it } from 'vitest';
import { initialSession, type SessionState } from '../store/session';
import { statusAnnouncement, statusText } from './describe-status';

const run = { runId: 'r1', number: 1, experiment: 'cpu-bound', workers: 2, modes: [], steps: ['sequential', 'threads', 'processes'].map((id) => ({ id, label: id })), prediction: null, outcome: 'running' } as const;
const running: SessionState = { ...initialSession, phase: 'running', runId: 'r1', stepId: 'threads', step: 'threads', mode: 'threads', stepSince: 1000, runSince: 900, runs: [{ ...run, modes: ['threads'], steps: [...run.steps] }] };

describe('status line and announcements', () => {
  it('shows a clock on screen while a step runs', () => {
    expect(statusText(running, 2500)).toBe('Running threads (2 of 3) · 1.50 s');
    expect(statusText(running, 2600)).not.toBe(statusText(running, 2500));
  });

  it('announces the step, not the clock: the same words as long as the step runs', () => {
    expect(statusAnnouncement(running)).toBe('Step started: threads (2 of 3).');
    expect(statusAnnouncement({ ...running, stepSince: 5000 })).toBe(statusAnnouncement(running));
    expect(statusAnnouncement({ ...running, stepId: 'processes', step: 'processes' })).toBe('Step started: processes (3 of 3).');
  });

  it('counts the step by its id: a label the engine words differently still finds its place', () => {
    expect(statusAnnouncement({ ...running, step: '4 threads' })).toBe('Step started: 4 threads (2 of 3).');
    expect(statusAnnouncement({ ...running, stepId: 'unplanned', step: 'threads' })).toBe('Step started: threads.');
  });

  it('announces each change of state, and nothing on a fresh page', () => {
    expect(statusAnnouncement(initialSession)).toBe('');
    expect(statusAnnouncement({ ...initialSession, phase: 'starting' })).toBe('Run started.');
    expect(statusAnnouncement({ ...initialSession, phase: 'finished', runMs: 4100 })).toBe('Finished in 4.10 s.');
    expect(statusAnnouncement({ ...initialSession, phase: 'cancelled' })).toMatch(/^Cancelled/);
    expect(statusAnnouncement({ ...initialSession, phase: 'failed', failure: 'a worker crashed' })).toBe('Failed: a worker crashed');
  });
});
