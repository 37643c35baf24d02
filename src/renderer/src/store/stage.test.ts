import { describe, expect, it } from 'vitest';
import { initialStage, replaySpan, samplesUntil, StageStore, stageReducer, type StageAction, type StageState } from './stage';

const after = (state: StageState, ...actions: StageAction[]): StageState => actions.reduce(stageReducer, state);
const opened = after(initialStage, { type: 'replay-open', runId: 'r1', from: 1000, to: 3000 });

describe('stageReducer', () => {
  it('pauses and resumes the live panels', () => {
    const frozen = after(initialStage, { type: 'toggle-freeze' });
    expect(frozen.frozen).toBe(true);
    expect(after(frozen, { type: 'toggle-freeze' }).frozen).toBe(false);
  });

  it('zooms to a window and back, refusing an empty or reversed one', () => {
    const zoomed = after(initialStage, { type: 'zoom', view: { t0: 10, t1: 30 } });
    expect(zoomed.zoom).toEqual({ t0: 10, t1: 30 });
    expect(after(zoomed, { type: 'zoom', view: { t0: 30, t1: 30 } })).toBe(zoomed);
    expect(after(zoomed, { type: 'zoom-reset' }).zoom).toBeNull();
    expect(after(initialStage, { type: 'zoom-reset' })).toBe(initialStage);
  });

  it('opens a replay paused at the run start, and its clock moves by real time times the speed', () => {
    expect(opened.replay).toMatchObject({ at: 1000, playing: false, speed: 0.25 });
    // Paused: time passing moves nothing.
    expect(after(opened, { type: 'replay-tick', elapsedMs: 100 })).toBe(opened);
    const played = after(opened, { type: 'replay-speed', speed: 0.1 }, { type: 'replay-play' }, { type: 'replay-tick', elapsedMs: 200 });
    expect(played.replay?.at).toBeCloseTo(1020);
    const quarter = after(played, { type: 'replay-speed', speed: 0.25 }, { type: 'replay-tick', elapsedMs: 400 });
    expect(quarter.replay?.at).toBeCloseTo(1120);
    expect(after(quarter, { type: 'replay-pause' }, { type: 'replay-tick', elapsedMs: 400 }).replay?.at).toBeCloseTo(1120);
  });

  it('stops at the end, and play at the end starts again', () => {
    const ended = after(opened, { type: 'replay-speed', speed: 1 }, { type: 'replay-play' }, { type: 'replay-tick', elapsedMs: 5000 });
    expect(ended.replay).toMatchObject({ at: 3000, playing: false });
    expect(after(ended, { type: 'replay-play' }).replay).toMatchObject({ at: 1000, playing: true });
  });

  it('scrubs inside the run only, and closes', () => {
    expect(after(opened, { type: 'replay-seek', at: 2500 }).replay?.at).toBe(2500);
    expect(after(opened, { type: 'replay-seek', at: 99_999 }).replay?.at).toBe(3000);
    expect(after(opened, { type: 'replay-seek', at: -5 }).replay?.at).toBe(1000);
    expect(after(opened, { type: 'replay-close' }).replay).toBeNull();
  });

  it('a replay lifts the pause of the live panels', () => {
    const frozen = after(initialStage, { type: 'toggle-freeze' }, { type: 'replay-open', runId: 'r1', from: 0, to: 10 });
    expect(frozen.frozen).toBe(false);
  });
});

describe('StageStore', () => {
  it('tells its listeners of changes only, and counts them', () => {
    const store = new StageStore();
    let calls = 0;
    const off = store.subscribe(() => calls++);
    store.dispatch({ type: 'toggle-freeze' });
    store.dispatch({ type: 'zoom-reset' });
    expect(calls).toBe(1);
    expect(store.getVersion()).toBe(1);
    off();
    store.dispatch({ type: 'toggle-freeze' });
    expect(calls).toBe(1);
  });
});

describe('replaySpan and samplesUntil', () => {
  const sample = (t: number) => ({ t, loads: [50] });
  it('spans the samples and the steps, and a replay reaches the samples taken by its clock', () => {
    const trace = {
      runId: 'r', experiment: 'x', steps: [], truncated: false, startedAt: 0, endedAt: 9000,
      samples: [sample(1100), sample(1300), sample(1500)],
      timelines: [{ stepId: 'k', step: 's', mode: 'threads' as const, labels: [], rows: [], segments: 0, blocked: false, end: 800, goMs: 50, startedAt: 1050 }],
    };
    expect(replaySpan(trace)).toEqual({ from: 1000, to: 1800 });
    expect(replaySpan({ ...trace, samples: [], timelines: [] })).toBeNull();
    expect(samplesUntil(trace.samples, 1300).map((s) => s.t)).toEqual([1100, 1300]);
    expect(samplesUntil(trace.samples, 1000)).toEqual([]);
    expect(samplesUntil(trace.samples, 5000)).toBe(trace.samples);
  });
});
