import { describe, expect, it } from 'vitest';
import { latenciesBeside } from './program';

const samples = (latencies: number[], latencyAt?: number[], workSpan?: [number, number]) => ({
  holds: [],
  waits: [],
  latencies,
  ...(latencyAt ? { latencyAt } : {}),
  ...(workSpan ? { workSpan } : {}),
});

describe('latenciesBeside', () => {
  // Fast requests alone before the CPU thread starts (at 10) and after it ends (at 40), slow ones beside it.
  const io = samples([0.5, 0.5, 5.5, 5.5, 5.5, 0.5, 0.5, 0.5, 0.5], [0, 5, 11, 17, 23, 41, 42, 43, 44]);

  it('keeps only the requests made and answered while the CPU worker ran', () => {
    expect(latenciesBeside(io, samples([], [], [10, 40]))).toEqual([5.5, 5.5, 5.5]);
  });

  it('drops a request that began inside the span but was answered after it', () => {
    expect(latenciesBeside(io, samples([], [], [10, 25]))).toEqual([5.5, 5.5]);
  });

  it('keeps every request when nothing runs beside the I/O thread', () => {
    expect(latenciesBeside(io, undefined)).toHaveLength(9);
  });

  it('keeps none when it cannot tell when they were made', () => {
    expect(latenciesBeside(samples([1, 2]), samples([], [], [0, 10]))).toEqual([]);
    expect(latenciesBeside(io, samples([]))).toEqual([]);
  });
});
