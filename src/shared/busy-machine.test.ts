/** A starved baseline is one that wanted a core and did not get it, not one that was waiting on I/O. */
import { describe, expect, it } from 'vitest';
import { baselineShare, baselineSlowdown, busyMachineNotes } from './busy-machine';
import type { ModeResult } from './results';

const step = (mode: ModeResult['mode'], over: Partial<ModeResult>): ModeResult => ({
  runId: 'r',
  experiment: 'x',
  stepId: mode,
  step: mode,
  mode,
  task: 'cpu',
  workers: 1,
  tasks: 1,
  taskSeconds: 1,
  switchMs: 5,
  wallMs: 1000,
  startupMs: 0,
  speedup: 1,
  coresUsed: 1,
  coresBusy: 1.1,
  gilSwitches: 0,
  forcedSwitches: 0,
  holdMs: 1000,
  waitMs: 0,
  ioMs: 0,
  violations: 0,
  perWorker: [],
  metrics: {},
  finishedAt: '2026-01-01T00:00:00.000Z',
  ...over,
});

describe('a starved sequential baseline', () => {
  it('is a computing baseline that got too little of its core', () => {
    const computing = step('sequential', { coresUsed: 0.5, coresBusy: 2, holdMs: 1000 });
    expect(baselineShare(computing)).toBe(0.5);
    const notes = busyMachineNotes([computing, step('threads', { speedup: 2 })], 2);
    expect(notes[0]).toContain('got only 0.5 of a core while it computed');
    expect(notes[0]).toContain('read up to 2.0x too high');
  });

  it('is not a baseline that spent its time waiting on I/O, or half of it', () => {
    const waiting = step('sequential', { coresUsed: 0.01, coresBusy: 0.1, holdMs: 10, ioMs: 990 });
    const pipeline = step('sequential', { coresUsed: 0.49, coresBusy: 0.6, holdMs: 500, ioMs: 500 });
    expect(baselineShare(waiting)).toBeCloseTo(1, 5);
    expect(baselineShare(pipeline)).toBeCloseTo(0.98, 5);
    for (const base of [waiting, pipeline]) expect(busyMachineNotes([base, step('threads', { speedup: 4 })], 2).join(' ')).not.toContain('sequential run got only');
    // Half of it waiting, and other programs took half of what it computed: starved after all,
    // its wall 1000 ms against 750 ms with the core it wanted.
    const half = step('sequential', { coresUsed: 0.25, holdMs: 500, ioMs: 500 });
    expect(baselineShare(half)).toBe(0.5);
    expect(busyMachineNotes([half, step('threads', { speedup: 4 })], 2)[0]).toContain('read up to 1.3x too high');
  });

  it('a little starved is said where a speedup against it is more than the cores can give', () => {
    // Seen in the browser edition: scaling's "1 task alone" got 0.82 of its core, and 2 processes read 2.06x on 2 cores.
    const base = step('sequential', { coresUsed: 0.82, wallMs: 600, holdMs: 600 });
    const two = step('processes', { workers: 2, speedup: 2.06 });
    expect(busyMachineNotes([base, two], 2)[0]).toContain('got only 0.8 of a core while it computed');
    // The same baseline with every speedup possible: within what a laptop's noise does, nothing said.
    expect(busyMachineNotes([base, { ...two, speedup: 1.9 }], 2).join(' ')).not.toContain('sequential run got only');
    // Waits are not bounded by the cores: 4 I/O threads at 3.9x on 2 cores say nothing about the baseline.
    expect(busyMachineNotes([base, { ...two, task: 'io', workers: 4, speedup: 3.9 }], 2).join(' ')).not.toContain('sequential run got only');
  });

  it('is not a long wait with a little Python that got half a core (the I/O lesson on a busy laptop)', () => {
    // Seen in the browser edition: 4.07 s of waits, 0.01 cores used, half of a ~80 ms hold computed.
    const io = step('sequential', { wallMs: 4070, coresUsed: 0.01, coresBusy: 1.4, holdMs: 81.4, ioMs: 3990 });
    expect(baselineShare(io)).toBeCloseTo(0.5, 2);
    expect(baselineSlowdown(io)).toBeLessThan(1.02);
    expect(busyMachineNotes([io, step('threads', { speedup: 3.68 })], 2).join(' ')).not.toContain('sequential run got only');
  });
});
