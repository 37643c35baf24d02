import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ownCpuClock, schedstatCpuMs, statCpuMs } from './cpu-clock';

describe('statCpuMs', () => {
  it('adds utime and stime, counting fields after a command name that holds spaces and parentheses', () => {
    // utime 150 ticks, stime 25 ticks: 1.75 s at 100 ticks a second.
    const line = '4242 (node (worker) 1) R 4200 4242 4200 0 -1 4194304 101 0 0 0 150 25 0 0 20 0 9 0 2713654 3133440 348';
    expect(statCpuMs(line)).toBe(1750);
  });

  it('refuses a line it cannot read', () => {
    expect(() => statCpuMs('1 (x) R')).toThrow(/unreadable/);
  });
});

describe('schedstatCpuMs', () => {
  it('reads the time on a CPU, in ns, as ms', () => {
    expect(schedstatCpuMs('1234567890 103293 12\n')).toBeCloseTo(1234.56789, 5);
    expect(() => schedstatCpuMs('')).toThrow(/unreadable/);
  });
});

describe('ownCpuClock', () => {
  it('moves with work done on this thread and not with time spent asleep', () => {
    const clock = ownCpuClock();
    expect(clock).not.toBeNull();
    const read = clock as () => number;
    const before = read();
    const started = performance.now();
    // Spin until the clock shows 60 ms of work; a clock that does not move fails after 5 s.
    while (read() - before < 60 && performance.now() - started < 5000);
    const worked = read() - before;
    const wall = performance.now() - started;
    expect(worked).toBeGreaterThanOrEqual(60);
    // One thread cannot work longer than the time that passed (plus one 10 ms clock tick and a GC thread's share).
    expect(worked).toBeLessThan(wall + 30);
    const asleep = read();
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 100);
    expect(read() - asleep).toBeLessThan(30);
  });

  it.skipIf(!existsSync('/proc/thread-self/schedstat'))('reads a thread of its own from /proc on Linux', () => {
    expect(statCpuMs(readFileSync('/proc/thread-self/stat', 'utf8'))).toBeGreaterThanOrEqual(0);
    expect(schedstatCpuMs(readFileSync('/proc/thread-self/schedstat', 'utf8'))).toBeGreaterThan(0);
  });
});
