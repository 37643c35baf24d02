import { describe, expect, it } from 'vitest';
import { explainRun, predictionVerdict } from './catalogue';
import { lesson, result, choice } from './explain-fixtures';

describe('process-cost', () => {
  const p = lesson('process-cost');
  const run = [
    result('process-cost', 'start threads', 'threads', { metrics: { startupMs: 0.42 } }),
    result('process-cost', 'start processes', 'processes', { metrics: { startupMs: 46, memoryMB: 41 }, findings: { startMethod: 'spawn' } }),
    result('process-cost', '1 MB to a thread and back', 'threads', { workers: 1, metrics: { bytes: 0, roundTripMs: 0.3 } }),
    result('process-cost', '1 MB to a process and back', 'processes', { workers: 1, metrics: { bytes: 1_638_891, roundTripMs: 6.2 }, findings: { startMethod: 'spawn' } }),
    result('process-cost', 'tiny tasks in sequence', 'sequential', { tasks: 20_000, wallMs: 200, speedup: 1 }),
    result('process-cost', 'tiny tasks, one message each', 'processes', { tasks: 20_000, wallMs: 2500, speedup: 0.08 }),
    result('process-cost', 'tiny tasks, batched', 'processes', { tasks: 20_000, wallMs: 60, speedup: 3.33 }),
  ];

  it('names every cost of a process', () => {
    const lines = explainRun(p, run, 4);
    expect(lines[0]).toMatch(/^Starting a thread took 0\.42 ms: the interpreter's OS threads already exist, so starting one is handing it a function/);
    expect(lines[0]).toContain("Starting a process took 46 ms (110x longer), and each process used 41 MB (a Node runtime's memory; a bare CPython 3.11 process takes about 13 MB): a process is a whole new interpreter, started here as spawn (");
    expect(lines[1]).toMatch(/^Sending 1 MB to a thread and back took 0\.3 ms: the thread was handed a reference to the same memory .*nothing copied/);
    expect(lines[1]).toContain('To a process and back it took 6.2 ms: between processes every byte is serialised and copied, both ways (1,638,891 bytes each way');
    expect(lines[2]).toBe(
      '20,000 tiny tasks took 0.20 s in sequence, 2.50 s with one message each (0.08x) and 0.06 s batched (3.33x): one message per task costs more than the task itself; batching pays the cost once per batch, and the pool wins.',
    );
  });

  it('names the start method the processes stood for, from the results', () => {
    const asFork = run.map((r) => (r.stepId === 'start-processes' ? { ...r, findings: { startMethod: 'fork' as const } } : r));
    expect(explainRun(p, asFork, 4)[0]).toContain('started here as fork (a copy of the parent');
    const unsaid = run.map((r) => (r.stepId === 'start-processes' ? { ...r, findings: {} } : r));
    expect(explainRun(p, unsaid, 4)[0]).not.toContain('started here as');
  });

  it('does not claim batching won when it did not', () => {
    const slow = run.map((r) => (r.stepId === 'tiny-batched' ? { ...r, wallMs: 285, speedup: 0.7 } : r));
    expect(explainRun(p, slow, 4)[2]).toContain('even batches lose to doing them in sequence');
  });

  it('checks the one-message-per-task speedup', () => {
    expect(predictionVerdict(p, choice(p, 'slower'), run)).toBe(
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
    expect(predictionVerdict(a, choice(a, '5s'), run)).toBe("You predicted '5 s'; waits on one event loop took 0.51 s (9.80x), closest to 'about 0.5 s'.");
  });
});

describe('hybrid', () => {
  const h = lesson('hybrid');
  const run = [
    result('hybrid', 'sequential', 'sequential', { wallMs: 4000, speedup: 1, metrics: { items: 16 } }),
    result('hybrid', 'threads', 'threads', { wallMs: 2000, speedup: 2, metrics: { items: 16 }, findings: { winner: 'hybrid' } }),
    result('hybrid', 'processes', 'processes', { wallMs: 1800, speedup: 2.22, metrics: { items: 16 }, findings: { winner: 'hybrid' } }),
    result('hybrid', 'hybrid', 'hybrid', { wallMs: 800, speedup: 5, metrics: { items: 16 }, findings: { winner: 'hybrid' } }),
  ];

  it('lists the contenders and names the winner', () => {
    const lines = explainRun(h, run, 2);
    expect(lines[0]).toBe('16 items, fetched, processed and stored: Threads 2.00 s (2.00x), processes 1.80 s (2.22x), the hybrid 0.80 s (5.00x).');
    expect(lines[1]).toContain('The hybrid finished first: its threads overlapped');
  });

  it('checks which one was predicted to win', () => {
    expect(predictionVerdict(h, choice(h, 'hybrid'), run)).toBe("You predicted 'the hybrid'; the hybrid finished first (5.00x): well predicted.");
    expect(predictionVerdict(h, choice(h, 'threads'), run)).toBe("You predicted 'threads'; the hybrid finished first (5.00x): the answer was 'the hybrid'.");
  });
});

// The strategy lesson's explanations are tested beside it: src/lessons/strategy/explain.test.ts.
