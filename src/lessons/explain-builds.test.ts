/** The explainers of the counter race, the subinterpreters and the free-threaded builds, from fixed results. */
import { describe, expect, it } from 'vitest';
import { FREE_THREADED_BUILDS } from '../shared/experiments';
import { estimateRun } from '../shared/run-estimate';
import { ESTIMATES, explainRun, predictionVerdict } from './catalogue';
import { choice, lesson, result } from './explain-fixtures';
import { NODE_LOCK } from './counter-race/estimate';
import { LOCK_PRICE } from './counter-race/lesson';
import { BUILD_COST } from './free-threaded/lesson';

describe('counter-race', () => {
  const race = lesson('counter-race');
  const run = [
    result('counter-race', 'under the GIL, no lock', 'threads', { workers: 2, wallMs: 90, gilSwitches: 18, metrics: { expected: 4_000_000, actual: 2_149_949, lost: 1_850_051 }, findings: { lost: 'many' } }),
    result('counter-race', 'with a threading.Lock', 'threads', { workers: 2, wallMs: 1100, gilSwitches: 61_204, metrics: { expected: 4_000_000, actual: 4_000_000, lost: 0 }, findings: { lost: 'none' } }),
  ];

  it('counts what the GIL let go missing and what the lock kept', () => {
    const lines = explainRun(race, run, 2);
    expect(lines[0]).toBe(
      'Under the GIL 2 threads counted 2,149,949 of 4,000,000: 1,850,051 updates (46.3 %) were lost. Some of the 18 GIL switches landed between a read and its write (in CPython 3.11 to 3.13 about a third do; the rest land at the loop\'s jump back and cost nothing), and the thread switched out there wrote back a stale count over everything done meanwhile.',
    );
    expect(lines[1]).toContain('the count was exact: 4,000,000 of 4,000,000');
    expect(lines[2]).toBe(
      'The lock is not free: that step took 12.2x as long. Every increment takes and releases it, and while another thread is blocked on it each release wakes that thread (in CPython a system call), ' +
        'mostly to find the lock taken again. The GIL changed hands 61,204 times in that step against 18 without the lock: a thread blocked on the lock gives the GIL up. ' +
        'The GIL protects the interpreter; your own invariants need your own lock.',
    );
  });

  it('scores the prediction against the step under the GIL', () => {
    expect(predictionVerdict(race, choice(race, 'none'), run)).toBe(
      "You predicted 'none: the GIL protects it'; 1,850,051 of 4,000,000 were lost under the GIL: the answer was 'many'.",
    );
  });

  it('says so when no switch landed in the gap, and reports a broken lock', () => {
    const calm = [
      result('counter-race', 'under the GIL, no lock', 'threads', { workers: 2, gilSwitches: 0, metrics: { expected: 2000, actual: 2000, lost: 0 }, findings: { lost: 'none' } }),
      result('counter-race', 'with a threading.Lock', 'threads', { workers: 2, metrics: { expected: 2000, actual: 1990, lost: 10 }, findings: { lost: 'a few' } }),
    ];
    const lines = explainRun(race, calm, 2);
    expect(lines[0]).toContain('counted all 2,000 this time');
    expect(lines[1]).toContain('10 updates were still lost, which a correct lock never allows');
  });

  it('says one thread pays for the lock without waking anyone', () => {
    const alone = run.map((r) => ({ ...r, workers: 1 }));
    expect(explainRun(race, alone, 2)[2]).toContain('with one thread nobody waits on it, so nobody is woken');
  });

  it('estimates the locked step at the lock price more per increment, the wake-up only with a second thread', () => {
    const steps = (workers: number): number[] => ESTIMATES[race.id]({ n: workers, s: 1, cores: 2, modes: ['threads'], switchMs: 5 }).map((s) => s.seconds);
    const [bare2 = 0, locked2 = 0] = steps(2);
    const [bare1 = 0, locked1 = 0] = steps(1);
    expect(locked2 / bare2).toBeCloseTo(1 + NODE_LOCK + LOCK_PRICE.lock + LOCK_PRICE.wake);
    expect(locked1 / bare1).toBeCloseTo(1 + NODE_LOCK + LOCK_PRICE.lock);
  });

  it('is in the course after the lost update, with an estimate for both steps', () => {
    expect(estimateRun(race, { workers: 2, seconds: 2, switchMs: 5 }, 2, ESTIMATES[race.id]).steps.map((s) => s.id)).toEqual(['gil', 'lock']);
  });
});

describe('subinterpreters', () => {
  const sub = lesson('subinterpreters');
  const run = [
    result('subinterpreters', 'sequential', 'sequential', { wallMs: 4000, speedup: 1, startupMs: 30 }),
    result('subinterpreters', 'threads', 'threads', { wallMs: 4100, speedup: 0.98, startupMs: 60, coresUsed: 1 }),
    result('subinterpreters', 'interpreters', 'interpreters', { wallMs: 2100, speedup: 1.9, startupMs: 80, coresUsed: 1.9, waitMs: 0 }),
    result('subinterpreters', 'processes', 'processes', { wallMs: 2200, speedup: 1.82, startupMs: 300, coresUsed: 1.8 }),
  ];

  it('credits a GIL per interpreter and orders the start-up costs from the numbers', () => {
    const lines = explainRun(sub, run, 2);
    expect(lines).toContain('4 interpreters, a GIL each took 2.10 s, speedup 1.90x, using 1.9 cores: each has a GIL of its own, so several cores worked at once.');
    expect(lines.find((l) => l.startsWith('Start-up:'))).toBe(
      'Start-up: 4 threads 60 ms, 4 interpreters 80 ms, 4 processes 300 ms. An interpreter starts cheaper than a process: no new process, no second copy of the runtime; dearer than a thread, which only hands a function to an interpreter that already exists.',
    );
    expect(lines.some((l) => l.includes('Nothing was shared between the interpreters'))).toBe(true);
    expect(predictionVerdict(sub, choice(sub, 'x1'), run)).toBe("You predicted 'about 1x, like threads'; interpreters gave 1.90x, closest to 'about 2x'.");
  });

  it('does not claim a cheap start the run did not show', () => {
    const slow = run.map((r) => (r.mode === 'interpreters' ? { ...r, startupMs: 400 } : r));
    expect(explainRun(sub, slow, 2).find((l) => l.startsWith('Start-up:'))).toContain('no cheaper to start than the processes');
    const slowThreads = run.map((r) => (r.mode === 'threads' ? { ...r, startupMs: 120 } : r));
    const line = explainRun(sub, slowThreads, 2).find((l) => l.startsWith('Start-up:'));
    expect(line).toContain('An interpreter starts cheaper than a process');
    expect(line).not.toContain('dearer than a thread');
  });

  it('names PEP 684 and PEP 734 and says objects are not shared', () => {
    expect(sub.explanation).toMatch(/PEP 684/);
    expect(sub.explanation).toMatch(/PEP 734/);
    expect(sub.explanation).toMatch(/Objects are not shared/);
    expect(sub.python).toContain('InterpreterPoolExecutor');
  });
});

describe('free-threaded builds', () => {
  const f = lesson('free-threaded');
  const runFor = (build: (typeof FREE_THREADED_BUILDS)[number], cost: number) => [
    result('free-threaded', 'sequential', 'sequential', { wallMs: 4000, speedup: 1 }),
    result('free-threaded', 'free-threaded', 'free-threaded', { wallMs: 2100, speedup: 1.9, metrics: { publishedCostPct: BUILD_COST[build].pct } }),
    result('free-threaded', '1 thread, no GIL', 'free-threaded', {
      workers: 1,
      wallMs: 1000 * (1 + cost / 100),
      metrics: { singleThreadCostPct: cost, costInCpuTime: 1, publishedCostPct: BUILD_COST[build].pct },
    }),
  ];

  it('offers both builds as a typed control, 3.14t by default', () => {
    expect(f.controls.build).toBeDefined();
    expect(f.defaults.build).toBe('3.14t');
    expect(BUILD_COST['3.13t'].pct).toBe(40);
    expect(BUILD_COST['3.14t'].pct).toBeGreaterThanOrEqual(5);
    expect(BUILD_COST['3.14t'].pct).toBeLessThanOrEqual(10);
    expect(f.explanation).toMatch(/PEP 779/);
  });

  it('states the 3.13t figure with its source and never calls it a little', () => {
    const lines = explainRun(f, runFor('3.13t', 41), 2);
    const price = lines.find((l) => l.startsWith('The 3.13t build'));
    expect(price).toContain('about 40 % slower on one thread (pyperformance, per the 3.13 free-threading HOWTO)');
    expect(price).toContain('used 41 % more CPU time');
    expect(price).toContain('the model paid the published price (within 1 point)');
    expect(lines.join(' ')).not.toMatch(/a little/);
  });

  it('states the 3.14t figure, and says when the run missed it', () => {
    const lines = explainRun(f, runFor('3.14t', 19), 2);
    const price = lines.find((l) => l.startsWith('The 3.14t build'));
    expect(price).toContain("about 5-10 % slower on one thread (What's New in Python 3.14)");
    expect(price).toContain('12 points above the published price');
    // Measured in CPU time, a program taking the core cannot be the reason it missed.
    expect(price).toContain('when the processor changes speed');
    expect(price).not.toContain('shared the cores');
  });

  it('blames other programs for a miss only when the price was timed by the wall clock', () => {
    const run = runFor('3.14t', 19);
    const single = run[2];
    if (!single?.metrics) throw new Error('the fixture has a single-thread step');
    single.metrics.costInCpuTime = 0;
    const price = explainRun(f, run, 2).find((l) => l.startsWith('The 3.14t build'));
    expect(price).toContain('took 19 % longer');
    expect(price).toContain('other programs shared the cores between the two steps');
  });
});
