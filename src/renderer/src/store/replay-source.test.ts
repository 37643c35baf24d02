import { describe, expect, it } from 'vitest';
import { replaySource } from './core-history';
import { StageStore } from './stage';

describe('replaySource', () => {
  it('shows the samples a replay has reached, and follows its clock', () => {
    const stage = new StageStore();
    const samples = [1000, 1200, 1400, 1600].map((t) => ({ t, loads: [t / 100] }));
    const source = replaySource(samples, stage);
    stage.dispatch({ type: 'replay-open', runId: 'r', from: 1000, to: 1600 });
    expect(source.all().map((s) => s.t)).toEqual([1000]);
    let heard = 0;
    const off = source.subscribe(() => heard++);
    stage.dispatch({ type: 'replay-seek', at: 1450 });
    expect(heard).toBe(1);
    expect(source.latest()?.t).toBe(1400);
    expect(source.received).toBe(3);
    off();
  });
});
