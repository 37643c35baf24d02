import { describe, expect, it } from 'vitest';
import { explainRun, findStep, msText, nearestChoice, predictionVerdict, stepSentence, timesText } from './explain';
import { findExperiment, type Experiment, type Mode } from './experiments';
import type { ModeResult } from './results';

const lesson = (id: string): Experiment => {
  const found = findExperiment(id);
  if (!found) throw new Error(`no lesson ${id}`);
  return found;
};

/** A result as the engine reports it; only what a test names differs from a quiet default. */
function result(experiment: string, step: string, mode: Mode, over: Partial<ModeResult> = {}): ModeResult {
  return {
    runId: 'r',
    experiment,
    step,
    mode,
    task: 'cpu',
    workers: 4,
    tasks: 4,
    taskSeconds: 1,
    switchMs: 5,
    wallMs: 1000,
    startupMs: 10,
    speedup: null,
    coresUsed: null,
    coresBusy: null,
    gilSwitches: 0,
    forcedSwitches: 0,
    holdMs: 0,
    waitMs: 0,
    ioMs: 0,
    violations: 0,
    perWorker: [],
    metrics: {},
    finishedAt: '',
    ...over,
  };
}

const choice = (experiment: Experiment, label: string) => {
  const found = experiment.predictions.find((p) => p.label === label);
  if (!found) throw new Error(`no choice ${label}`);
  return found;
};

describe('formats', () => {
  it('writes times, ratios and durations at a readable precision', () => {
    expect(msText(1.049)).toBe('1.05 ms');
    expect(msText(20)).toBe('20 ms');
    expect(msText(12.34)).toBe('12.3 ms');
    expect(msText(1212.4)).toBe('1,212 ms');
    expect(timesText(0.954)).toBe('0.95x');
    expect(timesText(12.44)).toBe('12.4x');
    expect(timesText(null)).toBe('—');
  });

  it('finds a step by label, else the last result of that mode', () => {
    const results = [result('scaling', '1 threads', 'threads'), result('scaling', '8 threads', 'threads'), result('scaling', '8 processes', 'processes')];
    expect(findStep(results, '8 processes')?.step).toBe('8 processes');
    expect(findStep(results, 'threads')?.step).toBe('8 threads');
    expect(findStep(results, 'native')).toBeUndefined();
  });

  it('picks the nearest choice on a log scale, an exact one first', () => {
    const choices = [
      { label: 'about 1x', value: 1 },
      { label: 'about 2x', value: 2 },
      { label: 'about 4x', value: 4 },
    ];
    expect(nearestChoice(choices, 0.95)?.label).toBe('about 1x');
    expect(nearestChoice(choices, 1.45)?.label).toBe('about 2x');
    expect(nearestChoice(choices, 3)?.label).toBe('about 4x');
    expect(nearestChoice([{ label: 'none', value: 0 }, { label: 'a few', value: 1 }], 0)?.label).toBe('none');
  });
});

describe('cpu-bound and io-bound', () => {
  const cpu = lesson('cpu-bound');
  const run = [
    result('cpu-bound', 'sequential', 'sequential', { wallMs: 4000, speedup: 1, coresBusy: 1 }),
    result('cpu-bound', 'threads', 'threads', { wallMs: 4100, speedup: 0.98, coresBusy: 1.02 }),
    result('cpu-bound', 'processes', 'processes', { wallMs: 2050, speedup: 1.95, coresBusy: 2 }),
  ];

  it('says what threads under the GIL did, from the numbers', () => {
    const lines = explainRun(cpu, run, 2);
    expect(lines[0]).toBe('4 threads took 4.10 s, speedup 0.98x, keeping 1.0 cores busy: the GIL let one thread run at a time.');
    expect(lines[1]).toContain('4 processes took 2.05 s, speedup 1.95x');
    expect(lines[1]).toContain('a GIL of its own');
    expect(lines[2]).toBe('This machine has 2 cores, so 4 processes can be at most 2x faster than sequential.');
  });

  it('trusts the speedup over a machine-wide cores-busy figure', () => {
    expect(stepSentence(result('cpu-bound', 'threads', 'threads', { wallMs: 4100, speedup: 0.9, coresBusy: 2 }), 'cpu')).toContain(
      'the GIL let one thread run at a time; other work',
    );
    expect(stepSentence(result('cpu-bound', 'processes', 'processes', { wallMs: 4100, speedup: 0.7, coresBusy: 2 }), 'cpu')).toContain(
      'no faster than in sequence',
    );
  });

  it('judges by the cores the run used, not by a machine other programs kept busy', () => {
    const busy = [
      result('cpu-bound', 'sequential', 'sequential', { wallMs: 5300, speedup: 1, coresUsed: 0.75, coresBusy: 2 }),
      result('cpu-bound', 'threads', 'threads', { wallMs: 4000, speedup: 1.33, coresUsed: 0.99, coresBusy: 2 }),
      result('cpu-bound', 'processes', 'processes', { wallMs: 2500, speedup: 2.12, coresUsed: 1.6, coresBusy: 2 }),
    ];
    const lines = explainRun(cpu, busy, 2);
    // A speedup above 1 against a slowed baseline is not parallelism: the threads used one core.
    expect(lines[0]).toBe(
      '4 threads took 4.00 s, speedup 1.33x, using 1.0 cores (2.0 busy on the machine): the GIL let one thread run at a time; other programs kept 1.0 more cores busy.',
    );
    expect(lines[1]).toContain('using 1.6 cores: each has a GIL of its own');
    expect(lines).toContain(
      'The sequential run got only 0.8 of a core, other programs taking the rest, so it ran slower than it would alone and the speedups measured against it read up to 1.3x too high.',
    );
    expect(lines[lines.length - 1]).toBe(
      "Other programs kept about 1.0 of this machine's 2 cores busy during the run: steps that could use every core had fewer to themselves (cores used counts only this run's own work).",
    );
  });

  it('says when other programs left processes no cores to run in parallel, and stays quiet on an idle machine', () => {
    expect(stepSentence(result('cpu-bound', 'processes', 'processes', { wallMs: 4000, speedup: 1.02, coresUsed: 1.05, coresBusy: 2 }), 'cpu')).toBe(
      '4 processes took 4.00 s, speedup 1.02x, using 1.1 cores (2.0 busy on the machine): other programs kept 0.9 cores busy, leaving too few to run in parallel.',
    );
    const quiet = [
      result('cpu-bound', 'sequential', 'sequential', { wallMs: 4000, speedup: 1, coresUsed: 0.99, coresBusy: 1.1 }),
      result('cpu-bound', 'threads', 'threads', { wallMs: 4100, speedup: 0.98, coresUsed: 0.99, coresBusy: 1.12 }),
    ];
    expect(explainRun(cpu, quiet, 2)).toEqual(['4 threads took 4.10 s, speedup 0.98x, using 1.0 cores: the GIL let one thread run at a time.']);
  });

  it('checks the prediction against the threaded speedup', () => {
    expect(predictionVerdict(cpu, choice(cpu, 'about 4x'), run)).toBe("You predicted 'about 4x'; threads gave 0.98x, closest to 'about 1x'.");
    expect(predictionVerdict(cpu, choice(cpu, 'about 1x'), run)).toBe("You predicted 'about 1x'; threads gave 0.98x: well predicted.");
    expect(predictionVerdict(cpu, null, run)).toBeNull();
    expect(predictionVerdict(cpu, choice(cpu, 'about 1x'), [])).toBe("You predicted 'about 1x'.");
  });

  it('explains overlapping waits', () => {
    const io = lesson('io-bound');
    const lines = explainRun(io, [
      result('io-bound', 'sequential', 'sequential', { task: 'io', wallMs: 4000, speedup: 1 }),
      result('io-bound', 'threads', 'threads', { task: 'io', wallMs: 1020, speedup: 3.92 }),
    ], 2);
    expect(lines).toEqual(['4 threads took 1.02 s, speedup 3.92x: the waits overlapped, because a blocking call releases the GIL.']);
  });
});

describe('scaling', () => {
  const scaling = lesson('scaling');
  const run = [
    result('scaling', '1 task alone', 'sequential', { workers: 1, wallMs: 500, speedup: 1 }),
    ...[1, 2, 4, 8].map((n) => result('scaling', `${n} threads`, 'threads', { workers: n, speedup: n === 8 ? 0.94 : 1, metrics: { ideal: Math.min(n, 2) } })),
    ...[1, 2, 4, 8].map((n) => result('scaling', `${n} processes`, 'processes', { workers: n, speedup: [0.98, 1.96, 1.97, 1.9][Math.log2(n)] ?? null, metrics: { ideal: Math.min(n, 2) } })),
  ];

  it('says when more processes than cores could not reach the ideal', () => {
    const four = [
      result('scaling', '1 process', 'processes', { workers: 1, speedup: 0.98 }),
      result('scaling', '2 processes', 'processes', { workers: 2, speedup: 1.1 }),
      result('scaling', '4 processes', 'processes', { workers: 4, speedup: 1.31 }),
    ];
    expect(explainRun(scaling, four, 2)[0]).toBe(
      "Processes reached 1.31x at 4 processes, against an ideal of 2x: each has a GIL of its own, but this machine's 2 cores run no more than 2 at once.",
    );
    expect(explainRun(scaling, four.slice(0, 2), 8)[0]).toBe('Processes reached 1.10x at 2 processes, against an ideal of 2x: each has a GIL and a core of its own.');
  });

  it('describes a flat thread line and processes levelling off at the cores', () => {
    const lines = explainRun(scaling, run, 2);
    expect(lines[0]).toBe('Threads stayed between 0.94x and 1.00x from 1 thread to 8: however many there are, one holds the GIL at a time.');
    expect(lines[1]).toBe(
      'Processes climbed to 1.96x at 2 processes, then levelled off (1.90x at 8): this machine has 2 cores, and processes beyond that only take turns.',
    );
  });

  it('reads "about the cores" as this machine\'s core count', () => {
    expect(predictionVerdict(scaling, choice(scaling, 'about 1x'), run)).toBe("You predicted 'about 1x'; 8 threads gave 0.94x: well predicted.");
    expect(predictionVerdict(scaling, choice(scaling, 'about 8x'), run)).toContain("closest to 'about 1x'");
  });
});

describe('lost-update', () => {
  const lost = lesson('lost-update');
  const run = [
    result('lost-update', 'no lock', 'free-threaded', { workers: 2, metrics: { expected: 1_000_000, actual: 612_334, lost: 387_666, lostPct: 38.77, lostLevel: 2 } }),
    result('lost-update', 'with the GIL', 'threads', { workers: 2, metrics: { expected: 1_000_000, actual: 1_000_000, lost: 0, lostPct: 0, lostLevel: 0 } }),
  ];

  it('counts what was lost without a lock and what the GIL kept', () => {
    const lines = explainRun(lost, run, 2);
    expect(lines[0]).toBe(
      'Without a lock 2 threads counted 612,334 of 1,000,000 increments: 387,666 (38.8 %) were lost, because two threads read the same value and both wrote it back plus one.',
    );
    expect(lines[1]).toContain('Under the GIL the count was exact: 1,000,000 of 1,000,000');
  });

  it('is honest when nothing collided', () => {
    const calm = [result('lost-update', 'no lock', 'free-threaded', { workers: 2, metrics: { expected: 1000, actual: 1000, lost: 0, lostLevel: 0 } })];
    expect(explainRun(lost, calm, 1)[0]).toContain('counted all 1,000 increments this time');
    expect(predictionVerdict(lost, choice(lost, 'none'), calm)).toBe("You predicted 'none'; 0 of 1,000 were lost: well predicted.");
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

  it('says the machine was too busy rather than pass longer holds off as the interval', () => {
    const busy = (ms: number, hold: number, flag: number) =>
      result('switch-interval', `${ms} ms interval`, 'threads', {
        switchMs: ms,
        coresUsed: 0.98,
        coresBusy: 1.9,
        metrics: { intervalMs: ms, medianHoldMs: hold, switchesPerSecond: 500 / ms, medianWaitMs: 3 * ms, p95WaitMs: 4 * ms, idleCores: 0.1, tooBusy: flag },
      });
    const lines = explainRun(lessonSi, [busy(1, 2.09, 1), busy(5, 7.98, 1), busy(20, 23.9, 0)], 2);
    expect(lines[0]).toBe(
      'Median holds: 2.09 ms at a 1 ms interval, 7.98 ms at 5 ms, 23.9 ms at 20 ms: longer than the interval, because this machine was too busy to honour it: with 0.1 cores idle, a waiting thread asked for the GIL only when the OS next ran it. On a machine with a core to spare, a thread holds the GIL about one interval.',
    );
    expect(lines).toHaveLength(2);
  });

  it('checks the hold at the longest interval', () => {
    expect(predictionVerdict(lessonSi, choice(lessonSi, '20 ms'), run)).toBe(
      "You predicted '20 ms'; at a 20 ms interval a thread held the GIL for a median 19.8 ms: well predicted.",
    );
    expect(predictionVerdict(lessonSi, choice(lessonSi, 'until done'), run)).toContain("closest to '20 ms'");
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
    expect(predictionVerdict(c, choice(c, 'as fast'), run)).toBe("You predicted 'as fast'; the I/O thread answered 5.81x slower, closest to '5x slower or worse'.");
  });
});

describe('native-release and free-threaded', () => {
  it('credits the released GIL for parallel native threads', () => {
    const n = lesson('native-release');
    const run = [
      result('native-release', 'sequential', 'sequential', { wallMs: 4000, speedup: 1 }),
      result('native-release', 'threads', 'threads', { wallMs: 4080, speedup: 0.98 }),
      result('native-release', 'native', 'native', { wallMs: 2040, speedup: 1.96, coresBusy: 2 }),
    ];
    const lines = explainRun(n, run, 2);
    expect(lines[1]).toBe('4 threads in native code took 2.04 s, speedup 1.96x, keeping 2.0 cores busy: the loops ran on several cores at once, taking the GIL only to enter and leave the call.');
    expect(predictionVerdict(n, choice(n, 'about 2x'), run)).toBe("You predicted 'about 2x'; native code gave 1.96x: well predicted.");
  });

  it('reports the single-thread price of no GIL', () => {
    const f = lesson('free-threaded');
    const run = [
      result('free-threaded', 'sequential', 'sequential', { wallMs: 4000, speedup: 1 }),
      result('free-threaded', 'threads', 'threads', { wallMs: 4080, speedup: 0.98 }),
      result('free-threaded', 'free-threaded', 'free-threaded', { wallMs: 2100, speedup: 1.9 }),
      result('free-threaded', '1 thread, no GIL', 'free-threaded', { workers: 1, wallMs: 1120, speedup: 0.89, metrics: { singleThreadCostPct: 12 } }),
    ];
    const lines = explainRun(f, run, 2);
    expect(lines.some((l) => l.startsWith('4 threads without a GIL took 2.10 s, speedup 1.90x'))).toBe(true);
    expect(lines.some((l) => l.includes('1 thread without a GIL'))).toBe(false);
    expect(lines[lines.length - 1]).toContain('One thread without the GIL took 12 % longer');
    expect(predictionVerdict(f, choice(f, 'about 4x'), run)).toBe("You predicted 'about 4x'; free-threaded threads gave 1.90x, closest to 'about 2x'.");
  });
});

describe('process-cost', () => {
  const p = lesson('process-cost');
  const run = [
    result('process-cost', 'start threads', 'threads', { metrics: { startupMs: 0.42 } }),
    result('process-cost', 'start processes', 'processes', { metrics: { startupMs: 46, memoryMB: 41 } }),
    result('process-cost', '1 MB to a thread and back', 'threads', { workers: 1, metrics: { bytes: 1_048_576, roundTripMs: 0.3 } }),
    result('process-cost', '1 MB to a process and back', 'processes', { workers: 1, metrics: { bytes: 1_048_576, roundTripMs: 6.2 } }),
    result('process-cost', 'tiny tasks in sequence', 'sequential', { tasks: 20_000, wallMs: 200, speedup: 1 }),
    result('process-cost', 'tiny tasks, one message each', 'processes', { tasks: 20_000, wallMs: 2500, speedup: 0.08 }),
    result('process-cost', 'tiny tasks, batched', 'processes', { tasks: 20_000, wallMs: 60, speedup: 3.33 }),
  ];

  it('names every cost of a process', () => {
    const lines = explainRun(p, run, 4);
    expect(lines[0]).toBe('Starting a thread took 0.42 ms; starting a process took 46 ms (110x longer), and each process used 41 MB: a process is a whole new interpreter.');
    expect(lines[1]).toContain('to a process and back 6.2 ms');
    expect(lines[2]).toBe(
      '20,000 tiny tasks took 0.20 s in sequence, 2.50 s with one message each (0.08x) and 0.06 s batched (3.33x): one message per task costs more than the task itself; batching pays the cost once per batch, and the pool wins.',
    );
  });

  it('does not claim batching won when it did not', () => {
    const slow = run.map((r) => (r.step === 'tiny tasks, batched' ? { ...r, wallMs: 285, speedup: 0.7 } : r));
    expect(explainRun(p, slow, 4)[2]).toContain('even batches lose to doing them in sequence');
  });

  it('checks the one-message-per-task speedup', () => {
    expect(predictionVerdict(p, choice(p, 'slower than sequential'), run)).toBe(
      "You predicted 'slower than sequential'; tiny tasks, one message each gave 0.08x: well predicted.",
    );
  });
});

describe('asyncio', () => {
  const a = lesson('asyncio');
  const run = [
    result('asyncio', 'waits one after another', 'sequential', { workers: 1, tasks: 10, wallMs: 5000, speedup: 1 }),
    result('asyncio', 'waits on one event loop', 'asyncio', { workers: 1, tasks: 1, wallMs: 510, speedup: 9.8 }),
    result('asyncio', 'CPU one after another', 'sequential', { workers: 1, tasks: 4, wallMs: 2000, speedup: 1 }),
    result('asyncio', 'CPU as coroutines', 'asyncio', { workers: 1, tasks: 1, wallMs: 2010, speedup: 0.995, metrics: { stallMs: 500 } }),
  ];

  it('overlaps waits on one thread but not computing', () => {
    const lines = explainRun(a, run, 2);
    expect(lines[0]).toContain('10 waits one after another took 5.00 s; on one event loop 0.51 s (9.80x): the waits overlapped on a single thread');
    expect(lines[1]).toContain('the loop stalled for 500 ms');
  });

  it('says the prediction in seconds, as it was asked', () => {
    expect(predictionVerdict(a, choice(a, '5 s'), run)).toBe("You predicted '5 s'; waits on one event loop took 0.51 s (9.80x), closest to 'about 0.5 s'.");
  });
});

describe('hybrid', () => {
  const h = lesson('hybrid');
  const run = [
    result('hybrid', 'sequential', 'sequential', { wallMs: 4000, speedup: 1, metrics: { items: 16 } }),
    result('hybrid', 'threads', 'threads', { wallMs: 2000, speedup: 2, metrics: { items: 16, rank: 3 } }),
    result('hybrid', 'processes', 'processes', { wallMs: 1800, speedup: 2.22, metrics: { items: 16, rank: 2 } }),
    result('hybrid', 'hybrid', 'hybrid', { wallMs: 800, speedup: 5, metrics: { items: 16, rank: 1 } }),
  ];

  it('lists the contenders and names the winner', () => {
    const lines = explainRun(h, run, 2);
    expect(lines[0]).toBe('16 items, fetched, processed and stored: Threads 2.00 s (2.00x), processes 1.80 s (2.22x), the hybrid 0.80 s (5.00x).');
    expect(lines[1]).toContain('The hybrid finished first: its threads overlapped');
  });

  it('checks which one was predicted to win', () => {
    expect(predictionVerdict(h, choice(h, 'the hybrid'), run)).toBe("You predicted 'the hybrid'; the hybrid finished first (5.00x): well predicted.");
    expect(predictionVerdict(h, choice(h, 'threads'), run)).toBe("You predicted 'threads'; the hybrid finished first (5.00x): the answer was 'the hybrid'.");
  });
});

describe('deadlock', () => {
  const d = lesson('deadlock');
  const cycle = ['main thread holds the GIL and waits for MyMutex', 'callback thread holds MyMutex and waits for the GIL'];
  const run = [
    result('deadlock', 'callback deadlock', 'threads', { workers: 2, wallMs: 260, cycle, metrics: { detectedAfterMs: 212, outcome: 2 } }),
    result('deadlock', 'GIL released around the lock', 'threads', { workers: 2, wallMs: 510, metrics: { outcome: 0 } }),
  ];

  it('walks round the cycle and reports the fix', () => {
    const lines = explainRun(d, run, 2);
    expect(lines[0]).toBe('Main thread holds the GIL and waits for MyMutex; callback thread holds MyMutex and waits for the GIL.');
    expect(lines[1]).toBe('The lab found the cycle after 212 ms and stopped every worker: neither thread could ever have gone on.');
    expect(lines[2]).toContain('both threads finished in 510 ms');
  });

  it('checks the outcome', () => {
    expect(predictionVerdict(d, choice(d, 'never finish'), run)).toBe("You predicted 'never finish'; they deadlocked and never finished: well predicted.");
    expect(predictionVerdict(d, choice(d, 'finish slowly'), run)).toContain("the answer was 'never finish'");
  });
});

describe('strategy', () => {
  const s = lesson('strategy');
  const cell = (workload: string, mode: Mode, speedup: number, best = false) =>
    result('strategy', workload, mode, { speedup, metrics: { best: best ? 1 : 0 } });
  const run = [
    cell('CPU-bound', 'threads', 0.98),
    cell('CPU-bound', 'processes', 1.9, true),
    cell('CPU-bound', 'asyncio', 1),
    cell('I/O-bound', 'threads', 3.9),
    cell('I/O-bound', 'asyncio', 3.95, true),
  ];

  it('names the best tool of each workload', () => {
    expect(explainRun(s, run, 2)).toEqual([
      'CPU-bound: processes won at 1.90x (threads 0.98x, asyncio 1.00x).',
      'I/O-bound: asyncio won at 3.95x (threads 3.90x).',
    ]);
  });

  it('checks the predicted tool for CPU-bound work', () => {
    expect(predictionVerdict(s, choice(s, 'processes'), run)).toBe("You predicted 'processes'; processes finished first for CPU-bound work (1.90x): well predicted.");
  });
});
