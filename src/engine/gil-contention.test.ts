/**
 * The GIL under real contention: worker_threads of the built lab hammer one lock with tiny switch
 * intervals. Timing bounds here are loose multiples; exact figures belong to the benchmarks.
 */
import { describe, expect, it } from 'vitest';
import type { TimelineSegment } from '../shared/results';
import { median } from '../shared/stats';
import { switchInterval } from '../shared/units';
import { OUT_MAIN } from '../../test/build-state';
import { builtEntries } from './entries';
import { runStep } from './step-runner';

const entries = builtEntries(OUT_MAIN);

async function contend(workers: number, switchMs: number, iterations: number) {
  const segments: TimelineSegment[] = [];
  const outcome = await runStep({
    workers: Array.from({ length: workers }, () => ({ host: 'thread' as const, gil: 'shared' as const, tasks: [{ kind: 'cpu' as const, iterations }] })),
    switchInterval: switchInterval(switchMs),
    chunkIterations: 2_000,
    entries,
    signal: new AbortController().signal,
    onSegments: (batch: TimelineSegment[]) => segments.push(...batch),
  });
  return { outcome, segments };
}

/** Merges a worker's consecutive segments of one state (batches split long segments). */
function stretches(segments: TimelineSegment[], worker: number, state: TimelineSegment['state']): number[] {
  const mine = segments.filter((s) => s.worker === worker).sort((a, b) => a.start - b.start);
  const out: number[] = [];
  let open: { start: number; end: number } | undefined;
  for (const s of mine) {
    if (s.state === state && open && Math.abs(s.start - open.end) < 1e-6) open.end = s.end;
    else {
      if (open) out.push(open.end - open.start);
      open = s.state === state ? { start: s.start, end: s.end } : undefined;
    }
  }
  if (open) out.push(open.end - open.start);
  return out;
}

describe('the simulated GIL under contention', () => {
  it('never has two holders at once', async () => {
    const { outcome } = await contend(6, 0.1, 20_000_000);
    expect(outcome.gilSwitches).toBeGreaterThan(50);
    expect(outcome.violations).toBe(0);
    for (const w of outcome.perWorker) expect(w.acquisitions).toBeGreaterThan(1);
  });

  it('holding stretches of different workers never overlap on the timeline', async () => {
    const { segments } = await contend(4, 1, 10_000_000);
    const holding = segments.filter((s) => s.state === 'holding').sort((a, b) => a.start - b.start);
    expect(holding.length).toBeGreaterThan(10);
    for (let i = 1; i < holding.length; i++) {
      const prev = holding[i - 1]!;
      const cur = holding[i]!;
      // Workers stamp on one monotonic clock, the end of a hold before releasing the lock.
      if (prev.worker !== cur.worker) expect(cur.start).toBeGreaterThanOrEqual(prev.end);
    }
  });

  it('a waiter gets the lock within a few switch intervals, by forcing a switch', async () => {
    // 5 ms, CPython's default: long enough that the OS scheduler's own jitter on a busy machine
    // cannot pass for the lock's behaviour.
    const switchMs = 5;
    const { outcome, segments } = await contend(2, switchMs, 60_000_000);
    expect(outcome.forcedSwitches).toBeGreaterThan(5);
    const waits = [0, 1].flatMap((w) => stretches(segments, w, 'waiting'));
    expect(waits.length).toBeGreaterThan(5);
    expect(median(waits)).toBeLessThan(3 * switchMs);
    expect(Math.max(...waits)).toBeLessThan(20 * switchMs);
  });

  it('forced switching hands the lock to the other worker, turn by turn', async () => {
    const { outcome, segments } = await contend(2, 1, 20_000_000);
    expect(outcome.forcedSwitches).toBeGreaterThan(5);
    const holds = segments
      .filter((s) => s.state === 'holding')
      .sort((a, b) => a.start - b.start)
      .filter((s, i, all) => i === 0 || s.worker !== all[i - 1]!.worker || s.start - all[i - 1]!.end > 1e-6);
    // FORCE_SWITCHING: after a forced drop the next holder is the other worker, not the dropper.
    let handovers = 0;
    for (let i = 1; i < holds.length; i++) if (holds[i]!.worker !== holds[i - 1]!.worker) handovers++;
    expect(handovers).toBeGreaterThanOrEqual(outcome.forcedSwitches * 0.9);
  });
});
