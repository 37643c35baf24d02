import { describe, expect, it } from 'vitest';
import { explainRun, predictionVerdict } from './catalogue';
import { lesson, result, choice } from './explain-fixtures';

describe('lost-update', () => {
  const lost = lesson('lost-update');
  const run = [
    result('lost-update', 'no lock', 'no-lock', { workers: 2, metrics: { expected: 1_000_000, actual: 612_334, lost: 387_666, lostPct: 38.77 }, findings: { lost: 'many' } }),
    result('lost-update', 'with the GIL', 'threads', { workers: 2, metrics: { expected: 1_000_000, actual: 1_000_000, lost: 0, lostPct: 0 }, findings: { lost: 'none' } }),
  ];

  it('counts what was lost without a lock and what the GIL kept', () => {
    const lines = explainRun(lost, run, 2);
    expect(lines[0]).toBe(
      'With no lock at all 2 threads counted 612,334 of 1,000,000 increments: 387,666 (38.8 %) were lost, because two threads read the same value and both wrote it back plus one.',
    );
    expect(lines[1]).toContain('Under the GIL the count was exact: 1,000,000 of 1,000,000');
  });

  it('is honest when nothing collided', () => {
    const calm = [result('lost-update', 'no lock', 'no-lock', { workers: 2, metrics: { expected: 1000, actual: 1000, lost: 0 }, findings: { lost: 'none' } })];
    expect(explainRun(lost, calm, 1)[0]).toContain('counted all 1,000 increments this time');
    expect(predictionVerdict(lost, choice(lost, 'none'), calm)).toBe("You predicted 'none'; 0 of 1,000 were lost: well predicted.");
  });

  it('presents the unlocked step as no lock at all, never as a free-threaded build', () => {
    expect(lost.modes).not.toContain('free-threaded');
    expect(lost.modes).toContain('no-lock');
    expect(lost.explanation).toMatch(/free-threaded build \(3\.13t, 3\.14t\) does not lose them/);
    expect(lost.explanation).toMatch(/biased/);
  });

  it('checks the level of loss', () => {
    expect(predictionVerdict(lost, choice(lost, 'a few'), run)).toBe("You predicted 'a few'; 387,666 of 1,000,000 were lost: the answer was 'many'.");
  });
});

describe('switch-interval', () => {
  const lessonSi = lesson('switch-interval');
  const step = (ms: number, hold: number, rate: number, wait: number) =>
    result('switch-interval', `${ms} ms interval`, 'threads', { switchMs: ms, metrics: { intervalMs: ms, medianHoldMs: hold, switchesPerSecond: rate, medianWaitMs: wait, p95WaitMs: wait * 1.2 } });
  const run = [step(1, 1.02, 960, 3.1), step(5, 5.1, 195, 15.2), step(20, 19.8, 49, 60.4)];

  it('says how long each hold lasted and what that cost the waiters', () => {
    const lines = explainRun(lessonSi, run, 2);
    expect(lines[0]).toBe(
      'Median holds: 1.02 ms at a 1 ms interval, 5.1 ms at 5 ms, 19.8 ms at 20 ms: a thread keeps the GIL about one interval, or a little more: the holder lets go at its next check after being asked.',
    );
    expect(lines).toHaveLength(2);
    expect(lines[1]).toBe(
      'From 1 ms to 20 ms, switches fell from 960 to 49 a second while the median wait grew from 3.1 ms to 60.4 ms: a long interval switches less, and keeps the others waiting longer.',
    );
  });

  it('checks the hold at the longest interval', () => {
    expect(predictionVerdict(lessonSi, choice(lessonSi, '20ms'), run)).toBe(
      "You predicted '20 ms'; at a 20 ms interval a thread held the GIL for a median 19.8 ms: well predicted.",
    );
    expect(predictionVerdict(lessonSi, choice(lessonSi, 'until-done'), run)).toContain("closest to '20 ms'");
  });

  it('says the machine was too busy where the program found so, and only there', () => {
    const late = (ms: number, interval: 'missed' | 'too busy') => {
      const r = step(ms, ms * 2.1, 400 / ms, ms * 3);
      return { ...r, metrics: { ...r.metrics, idleCores: 0.2 }, findings: { interval } };
    };
    const busy = explainRun(lessonSi, [late(1, 'too busy'), late(5, 'missed')], 2);
    expect(busy[0]).toContain('because this machine was too busy to honour it: with 0.2 cores idle');
    const missed = explainRun(lessonSi, [late(1, 'missed'), late(5, 'missed')], 2);
    expect(missed[0]).not.toContain('too busy');
    expect(missed[0]).toContain('a thread keeps the GIL about one interval');
  });
});

describe('convoy', () => {
  const c = lesson('convoy');
  const run = [
    result('convoy', 'I/O alone', 'threads', { workers: 1, metrics: { medianLatencyMs: 1.05, p95LatencyMs: 1.2, requests: 900, slowdown: 1 } }),
    result('convoy', 'I/O beside a CPU thread', 'threads', { workers: 2, metrics: { medianLatencyMs: 6.1, p95LatencyMs: 6.4, requests: 160, slowdown: 5.81 } }),
    result('convoy', 'CPU work in a process', 'processes', { workers: 2, metrics: { medianLatencyMs: 1.1, p95LatencyMs: 1.3, requests: 880, slowdown: 1.05 } }),
  ];

  it('shows the response time ballooning beside a busy thread, and recovering', () => {
    const lines = explainRun(c, run, 2);
    expect(lines[0]).toBe('Alone, the I/O thread answered in a median 1.05 ms (95th percentile 1.2 ms).');
    expect(lines[1]).toContain('grew to 6.1 ms, 5.81x slower');
    expect(lines[1]).toContain('after a switch interval (5 ms)');
    expect(lines[2]).toBe('With the CPU work in a process it answered in 1.1 ms (1.05x): the I/O thread had its GIL to itself again.');
  });

  it('checks the slowdown', () => {
    expect(predictionVerdict(c, choice(c, 'as-fast'), run)).toBe("You predicted 'as fast'; the I/O thread answered 5.81x slower, closest to '5x slower or worse'.");
  });
});

describe('deadlock', () => {
  const d = lesson('deadlock');
  const cycle = ['main thread holds the GIL and waits for MyMutex', 'callback thread holds MyMutex and waits for the GIL'];
  const run = [
    result('deadlock', 'callback deadlock', 'threads', { workers: 2, wallMs: 260, cycle, metrics: { detectedAfterMs: 212 }, findings: { outcome: 'deadlocked' } }),
    result('deadlock', 'GIL released around the lock', 'threads', { workers: 2, wallMs: 510, findings: { outcome: 'finished' } }),
  ];

  it('walks round the cycle and reports the fix', () => {
    const lines = explainRun(d, run, 2);
    expect(lines[0]).toBe('Main thread holds the GIL and waits for MyMutex; callback thread holds MyMutex and waits for the GIL.');
    expect(lines[1]).toBe('The lab found the cycle after 212 ms and stopped every worker: neither thread could ever have gone on.');
    expect(lines[2]).toContain('both threads finished in 510 ms');
  });

  it('checks the outcome', () => {
    expect(predictionVerdict(d, choice(d, 'deadlocked'), run)).toBe("You predicted 'never finish'; they deadlocked and never finished: well predicted.");
    expect(predictionVerdict(d, choice(d, 'finished slowly'), run)).toContain("the answer was 'never finish'");
  });
});
