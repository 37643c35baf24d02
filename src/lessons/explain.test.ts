import { describe, expect, it } from 'vitest';
import { msText, timesText } from '../shared/format';
import { explainRun, predictionVerdict } from './catalogue';
import { findStep, nearestChoice } from './common/explainer';
import { stepSentence } from './common/speedup-sentences';
import { lesson, result, choice } from './explain-fixtures';

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

  it('finds a step by id, else the last result of that mode', () => {
    const results = [result('scaling', '1 threads', 'threads'), result('scaling', '8 threads', 'threads'), result('scaling', '8 processes', 'processes')];
    expect(findStep(results, 'processes-8')?.stepId).toBe('processes-8');
    expect(findStep(results, 'threads')?.stepId).toBe('threads-8');
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

  it('says when a speedup reads past what the cores could give, and by how much', () => {
    const past = [run[0]!, run[1]!, result('cpu-bound', 'processes', 'processes', { wallMs: 1870, speedup: 2.14, coresBusy: 2 })];
    expect(explainRun(cpu, past, 2)).toContain(
      '4 processes measured 2.14x, more than 2 cores can give: the sequential baseline ran slower than it would alone (another program took part of its core, or the machine ran it at a lower clock), so the speedups here read at least 7 % high.',
    );
    expect(explainRun(cpu, run, 2).join(' ')).not.toContain('more than 2 cores can give');
  });

  it('checks the prediction against the threaded speedup', () => {
    expect(predictionVerdict(cpu, choice(cpu, 'x4'), run)).toBe("You predicted 'about 4x'; threads gave 0.98x, closest to 'about 1x'.");
    expect(predictionVerdict(cpu, choice(cpu, 'x1'), run)).toBe("You predicted 'about 1x'; threads gave 0.98x: well predicted.");
    expect(predictionVerdict(cpu, null, run)).toBeNull();
    expect(predictionVerdict(cpu, choice(cpu, 'x1'), [])).toBe("You predicted 'about 1x'.");
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

  it('judges threads by the cores they used, not by speedups against a baseline other programs slowed', () => {
    const slowed = [1, 2, 4, 8].map((n) => result('scaling', `${n} threads`, 'threads', { workers: n, speedup: [1.52, 1.46, 1.48, 1.39][Math.log2(n)] ?? null, coresUsed: 0.97 }));
    expect(explainRun(scaling, slowed, 2)[0]).toBe(
      'Threads used at most 1.0 of a core from 1 thread to 8: one held the GIL at a time. Their speedups, up to 1.52x, read high because the one-task baseline ran slower than they did.',
    );
    const parallel = slowed.map((r) => ({ ...r, coresUsed: 1.8 }));
    expect(explainRun(scaling, parallel, 2)[0]).toContain('more than one made progress at once');
  });

  it('reads "about the cores" as this machine\'s core count', () => {
    expect(predictionVerdict(scaling, choice(scaling, 'x1'), run)).toBe("You predicted 'about 1x'; 8 threads gave 0.94x: well predicted.");
    expect(predictionVerdict(scaling, choice(scaling, 'x8'), run)).toContain("closest to 'about 1x'");
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
    expect(predictionVerdict(n, choice(n, 'x2'), run)).toBe("You predicted 'about 2x'; native code gave 1.96x: well predicted.");
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
    expect(predictionVerdict(f, choice(f, 'x4'), run)).toBe("You predicted 'about 4x'; free-threaded threads gave 1.90x, closest to 'about 2x'.");
  });
});
