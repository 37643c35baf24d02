import { describe, expect, it } from 'vitest';
import { stepKey } from './run-archive';
import { controlError, lessonRun, runningStepKey, shownIsLive, shownRun, viewingRunId } from './selectors';
import { after, freshState, run } from './test-fixtures';

describe('which run is shown', () => {
  const twoRuns = after(freshState(), run('r1').started(), run('r1').finished(), run('r2').started(), run('r2').finished());

  it("is the open lesson's latest run, or none", () => {
    expect(shownRun(freshState())).toBeNull();
    expect(shownRun(twoRuns)?.runId).toBe('r2');
    expect(shownRun(after(twoRuns, { type: 'select', id: 'io-bound' }))).toBeNull();
  });

  it('is a past run once brought back, and the run going while one goes', () => {
    const viewed = after(twoRuns, { type: 'view', runId: 'r1' });
    expect(shownRun(viewed)?.runId).toBe('r1');
    expect(viewingRunId(viewed)).toBe('r1');
    const going = after(viewed, { type: 'starting' });
    // Pressing Run leaves the past run shown until the engine says the new one started.
    expect(viewingRunId(going)).toBeNull();
    const started = after(going, run('r3').started(), run('r3').step('threads', 'threads'));
    expect(shownRun(started)?.runId).toBe('r3');
    expect(shownIsLive(started)).toBe(true);
    expect(runningStepKey(started)).toBe(stepKey('threads', 'threads'));
    expect(runningStepKey(twoRuns)).toBeNull();
  });

  it("the lesson column explains the shown run when it is the lesson's, else the lesson's latest", () => {
    const other = after(twoRuns, run('s1', 'scaling').started(), run('s1', 'scaling').finished(), { type: 'view', runId: 's1' });
    expect(shownRun(other)?.runId).toBe('s1');
    expect(lessonRun(other)?.runId).toBe('s1');
    const back = after(other, { type: 'select', id: 'cpu-bound' });
    expect(lessonRun(back)?.runId).toBe('r2');
  });
});

describe('controlError', () => {
  it("names the request's problem first, then the sampling rate's", () => {
    expect(controlError(freshState())).toBeNull();
    const badHz = after(freshState(), { type: 'set-hz-text', text: '' });
    expect(controlError(badHz)).toMatch(/sampling rate/);
    const both = after(badHz, { type: 'set-controls', patch: { workers: '100000' } });
    expect(controlError(both)).toMatch(/workers must be at most/);
  });

  it('says a run would pass the 10-minute cap, with the estimate, as the engine would', () => {
    const scaling = after(freshState(), { type: 'select', id: 'scaling' });
    const cores = scaling.machine?.logicalCores ?? scaling.pageCores;
    const workers = String(Math.min(16, cores * 8));
    const long = after(scaling, { type: 'set-controls', patch: { workers, seconds: '30' } });
    expect(controlError(long)).toMatch(/^this run would take about \d+ min.*more than the 10 min a run may last/);
    expect(controlError(after(long, { type: 'set-controls', patch: { seconds: '1' } }))).toBeNull();
  });
});
