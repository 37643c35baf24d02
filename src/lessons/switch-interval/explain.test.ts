/** The lesson's reading of a CPython-only run whose turns the OS lengthened (figures recorded here with a core kept busy). */
import { describe, expect, it } from 'vitest';
import { explainRun } from '../catalogue';
import { lesson, result } from '../explain-fixtures';

const si = lesson('switch-interval');
const python = { executable: '/usr/bin/python3', version: '3.11.7', freeThreaded: false, gilEnabled: true };
const step = (ms: number, median: number, mean: number) =>
  result('switch-interval', `${ms} ms interval`, 'threads', {
    switchMs: ms, engine: 'cpython', python,
    metrics: { intervalMs: ms, medianHoldMs: median, meanHoldMs: mean, switchesPerSecond: 400 / ms, medianWaitMs: median },
  });

describe('switch-interval on real CPython', () => {
  it('says where the OS did not keep the interval, from its measured delays', () => {
    const woken = { ...step(1, 3.92, 3.88), osTiming: { intervalMs: 1, timedWaits: 879, timerLateMs: 0.075, timerLateP90Ms: 0.087, runDelayMs: 716.9, switches: 243 }, findings: { interval: 'woken late' as const } };
    const kept = { ...step(20, 20.05, 20.5), findings: { interval: 'honoured' as const } };
    const [first] = explainRun(si, [woken, kept], 2);
    expect(first).toBe(
      "Median holds: 3.92 ms at a 1 ms interval, 20.1 ms at 20 ms: longer than the interval where the OS did not keep it: at 1 ms, the OS woke CPython 3.11's 1 ms waits 0.07 ms late and left its threads 2.95 ms a switch ready with no core free, so its turns ran 3.88 ms on average (median 3.92 ms). A waiting thread asks for the GIL only once its timed wait of the interval has returned and it has a core again.",
    );
  });

  it('does not blame the OS for turns it found missed', () => {
    const [first] = explainRun(si, [{ ...step(1, 24.19, 30), findings: { interval: 'missed' as const } }, step(20, 20.05, 20.5)], 2);
    expect(first).not.toContain('the OS');
  });
});
