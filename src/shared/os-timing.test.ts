/**
 * A real switch-interval step read by what the OS kept, on figures recorded from the harness on
 * this project's 2-core VM (python/harness/os_delays.py), quiet and with a third program keeping
 * one core busy. No timing here: the numbers are fixed.
 */
import { describe, expect, it } from 'vitest';
import { osDelayMs, osKeptInterval, osLateClause, osTimingSchema, realIntervalFinding, type OsTiming } from './os-timing';

const timing = (intervalMs: number, timerLateMs: number | null, runDelayMs: number | null, switches: number): OsTiming => ({
  intervalMs, timedWaits: Math.round(1000 / intervalMs), timerLateMs, timerLateP90Ms: timerLateMs, runDelayMs, switches,
});

// Quiet: 1 ms waits 0.083 ms late, 55 ms ready without a core over 1379 switches; turns 1.02 ms.
const quiet1 = timing(1, 0.083, 55.2, 1379);
// A core kept busy: 1 ms waits only 0.075 ms late, but 717 ms ready without a core over 243 switches; turns 3.92 ms.
const busy1 = timing(1, 0.075, 716.9, 243);
// The same at 5 ms: 0.116 ms late, 724 ms over 207 switches; turns 7.94 ms (mean 8.18).
const busy5 = timing(5, 0.116, 724.5, 207);

describe('what the OS kept of the interval', () => {
  it('adds a timed wait’s lateness and the run delay per switch', () => {
    expect(osDelayMs(quiet1)).toBeCloseTo(0.083 + 55.2 / 1379, 6);
    expect(osDelayMs(busy1)).toBeCloseTo(0.075 + 716.9 / 243, 6);
    expect(osDelayMs(timing(1, null, 716.9, 243))).toBeCloseTo(716.9 / 243, 6);
    expect(osDelayMs(timing(1, 0.2, null, 243))).toBeCloseTo(0.2, 6);
    expect(osDelayMs(timing(1, null, null, 243))).toBeNull();
    expect(osDelayMs(timing(1, null, 5, 0))).toBeNull();
  });

  it('kept it on a quiet machine, not beside a busy program', () => {
    expect(osKeptInterval(quiet1)).toBe(true);
    expect(osKeptInterval(busy1)).toBe(false);
    expect(osKeptInterval(busy5)).toBe(false);
    expect(osKeptInterval(timing(20, 0.15, 12, 61))).toBe(true);
    expect(osKeptInterval(timing(1, null, null, 100))).toBeNull();
  });
});

describe('a real step’s turns read by it', () => {
  it('calls turns that kept to the interval honoured', () => {
    expect(realIntervalFinding({ intervalMs: 1, medianHoldMs: 1.02, meanHoldMs: 0.99 }, quiet1)).toBe('honoured');
    expect(realIntervalFinding({ intervalMs: 20, medianHoldMs: 20.02, meanHoldMs: 20.5 }, timing(20, 0.146, 11.9, 79))).toBe('honoured');
  });

  it('calls turns that kept to the interval honoured even when the OS’s delays read high', () => {
    // Quiet 2-core VM, fifth session: the run delay read 0.86-0.95 ms a switch (it counts a spinning
    // holder's own preemptions), so the OS "did not keep" a 1 or 5 ms interval, yet the turns did.
    const quietHigh1 = timing(1, 0.09, 0.9 * 1100, 1100);
    const quietHigh5 = timing(5, 0.11, 0.95 * 230, 230);
    expect(osKeptInterval(quietHigh1)).toBe(false);
    expect(realIntervalFinding({ intervalMs: 1, medianHoldMs: 1.12, meanHoldMs: 1.16 }, quietHigh1)).toBe('honoured');
    expect(realIntervalFinding({ intervalMs: 5, medianHoldMs: 5.15, meanHoldMs: 5.4 }, quietHigh5)).toBe('honoured');
    // Long on average (1.25x), though the median kept to it: the OS's delays are the reading.
    expect(realIntervalFinding({ intervalMs: 1, medianHoldMs: 1.2, meanHoldMs: 1.25 }, quietHigh1)).toBe('woken late');
  });

  it('calls turns the OS’s delays account for woken late', () => {
    expect(realIntervalFinding({ intervalMs: 1, medianHoldMs: 3.92, meanHoldMs: 3.88 }, busy1)).toBe('woken late');
    expect(realIntervalFinding({ intervalMs: 5, medianHoldMs: 7.94, meanHoldMs: 8.18 }, busy5)).toBe('woken late');
    // Beside other programs two threads can wait for a core at once, counted twice: an upper bound, so a
    // shorter mean turn (3.01 ms against 1 + 0.089 + 2.78) is still accounted for.
    expect(realIntervalFinding({ intervalMs: 1, medianHoldMs: 3.16, meanHoldMs: 3.01 }, timing(1, 0.089, 2.78 * 370, 370))).toBe('woken late');
  });

  it('calls long turns on a machine that kept the interval missed: a broken measurement is no finding about the OS', () => {
    // The harness's old gap threshold hid 1 ms turns inside 24 ms ones while 1 ms waits were 0.089 ms late.
    expect(realIntervalFinding({ intervalMs: 1, medianHoldMs: 24.19, meanHoldMs: 30 }, timing(1, 0.089, 1.3, 21))).toBe('missed');
    // A wrong setswitchinterval: 5 ms turns when 1 ms was asked, on a quiet machine.
    expect(realIntervalFinding({ intervalMs: 1, medianHoldMs: 5.01, meanHoldMs: 5.1 }, timing(1, 0.09, 12, 230))).toBe('missed');
    // The OS was late, but by far less than the turns ran past the interval.
    expect(realIntervalFinding({ intervalMs: 1, medianHoldMs: 24, meanHoldMs: 24 }, busy1)).toBe('missed');
  });

  it('cannot judge a long turn without the OS’s figures', () => {
    expect(realIntervalFinding({ intervalMs: 1, medianHoldMs: 3.9, meanHoldMs: 3.9 }, null)).toBeNull();
    expect(realIntervalFinding({ intervalMs: 1, medianHoldMs: 3.9, meanHoldMs: 3.9 }, timing(1, null, null, 0))).toBeNull();
    expect(realIntervalFinding({ intervalMs: 1, medianHoldMs: 1.05, meanHoldMs: null }, null)).toBe('honoured');
    expect(realIntervalFinding({ intervalMs: 1, medianHoldMs: null, meanHoldMs: null }, quiet1)).toBeNull();
  });

  it('says it from the numbers', () => {
    expect(osLateClause(busy1, 'CPython 3.11', 3.92, 3.88)).toBe(
      "the OS woke CPython 3.11's 1 ms waits 0.07 ms late and left its threads 2.95 ms a switch ready with no core free, so its turns ran 3.88 ms on average (median 3.92 ms)",
    );
    expect(osLateClause(timing(1, 9.2, null, 40), 'CPython 3.12', 10.3, null)).toBe("the OS woke CPython 3.12's 1 ms waits 9.2 ms late, so its turns ran 10.3 ms");
  });
});

describe('the harness’s figures at the process boundary', () => {
  it('takes a recorded line and refuses what no measurement gives', () => {
    const line = { intervalMs: 1.0, timedWaits: 879, timerLateMs: 0.075, timerLateP90Ms: 0.0866, runDelayMs: 716.9, switches: 243 };
    expect(osTimingSchema.parse(line)).toEqual(line);
    expect(osTimingSchema.safeParse({ ...line, runDelayMs: null, timerLateMs: null, timerLateP90Ms: null }).success).toBe(true);
    expect(osTimingSchema.safeParse({ ...line, timerLateMs: -0.1 }).success).toBe(false);
    expect(osTimingSchema.safeParse({ ...line, runDelayMs: Number.POSITIVE_INFINITY }).success).toBe(false);
    expect(osTimingSchema.safeParse({ ...line, intervalMs: 0 }).success).toBe(false);
    expect(osTimingSchema.safeParse({ ...line, switches: 2.5 }).success).toBe(false);
  });
});
