import { describe, expect, it } from 'vitest';
import { MAX_RUNS, RunArchive, tabLabel } from './run-archive';

const THREADS = { id: 'threads', label: 'threads' };

describe('RunArchive', () => {
  it('merges touching segments of one worker in the same state and skips idle ones', () => {
    const archive = new RunArchive();
    archive.beginRun('r', 'cpu-bound', [THREADS], 0);
    archive.beginStep('r', THREADS, 'threads', 2, ['thread 1', 'thread 2'], 1000, 40);
    archive.append('r', THREADS, 'threads', [
      { worker: 0, state: 'holding', start: 0, end: 5 },
      { worker: 0, state: 'holding', start: 5, end: 9 },
      { worker: 0, state: 'waiting', start: 9, end: 12 },
      { worker: 1, state: 'idle', start: 0, end: 9 },
      { worker: 1, state: 'holding', start: 9, end: 12 },
    ]);
    archive.append('r', THREADS, 'threads', [{ worker: 1, state: 'holding', start: 12, end: 20 }]);
    const timeline = archive.find('r', 'threads');
    expect(timeline?.rows[0]?.toArray()).toEqual([
      { state: 'holding', start: 0, end: 9 },
      { state: 'waiting', start: 9, end: 12 },
    ]);
    expect(timeline?.rows[1]?.toArray()).toEqual([{ state: 'holding', start: 9, end: 20 }]);
    expect(timeline?.segments).toBe(3);
    expect(timeline?.end).toBe(20);
    expect(timeline?.labels).toEqual(['thread 1', 'thread 2']);
    expect(timeline?.goMs).toBe(40);
  });

  it('keys timelines by step id, so steps sharing a mode stay apart', () => {
    const archive = new RunArchive();
    const short = { id: 'interval-1', label: '1 ms interval' };
    const middle = { id: 'interval-5', label: '5 ms interval' };
    archive.beginRun('r', 'switch-interval', [short, middle], 0);
    archive.append('r', short, 'threads', [{ worker: 0, state: 'holding', start: 0, end: 1 }]);
    archive.append('r', middle, 'threads', [{ worker: 0, state: 'holding', start: 0, end: 5 }]);
    const trace = archive.get('r');
    expect(trace?.timelines.map((t) => t.stepId)).toEqual(['interval-1', 'interval-5']);
    expect(trace && tabLabel(trace, trace.timelines[0]!)).toBe('1 ms interval');
  });

  it('finds a step by its id whatever its label: a relabelled batch joins its step, two steps of one label stay two', () => {
    const archive = new RunArchive();
    archive.beginRun('r', 'strategy', [{ id: 'quick-cpu-threads', label: 'CPU-bound · threads' }, { id: 'quick-cpu-processes', label: 'CPU-bound · processes' }], 0);
    archive.append('r', { id: 'quick-cpu-threads', label: 'quick: CPU-bound' }, 'threads', [{ worker: 0, state: 'holding', start: 0, end: 1 }]);
    archive.append('r', { id: 'quick-cpu-threads', label: 'CPU-bound, threads' }, 'threads', [{ worker: 0, state: 'waiting', start: 1, end: 2 }]);
    archive.append('r', { id: 'quick-cpu-processes', label: 'quick: CPU-bound' }, 'processes', [{ worker: 0, state: 'free', start: 0, end: 1 }]);
    const trace = archive.get('r');
    expect(trace?.timelines.map((t) => t.stepId)).toEqual(['quick-cpu-threads', 'quick-cpu-processes']);
    expect(archive.find('r', 'quick-cpu-threads')?.segments).toBe(2);
    // Each tab says what the plan named its step, whatever label the events carried.
    expect(trace && trace.timelines.map((t) => tabLabel(trace, t))).toEqual(['CPU-bound · threads', 'CPU-bound · processes']);
    // A step the plan did not name says its own label.
    archive.append('r', { id: 'extra', label: 'an extra step' }, 'threads', [{ worker: 0, state: 'holding', start: 0, end: 1 }]);
    expect(tabLabel(archive.get('r')!, archive.find('r', 'extra')!)).toBe('an extra step');
  });

  it('records samples only while a run goes, and keeps past runs up to the cap', () => {
    const archive = new RunArchive();
    archive.addSample({ t: 1, loads: [10] });
    archive.beginRun('a', 'cpu-bound', [], 0);
    archive.addSample({ t: 2, loads: [20] });
    archive.endRun('a', 3);
    archive.addSample({ t: 4, loads: [30] });
    expect(archive.get('a')?.samples).toEqual([{ t: 2, loads: [20] }]);
    for (let i = 0; i < MAX_RUNS + 3; i++) archive.beginRun(`run${i}`, 'cpu-bound', [], i);
    expect(archive.get('a')).toBeUndefined();
    expect(archive.get(`run${MAX_RUNS + 2}`)).toBeDefined();
    expect(archive.get('run0')).toBeUndefined();
  });

  it('ignores batches of a run it does not know', () => {
    const archive = new RunArchive();
    archive.append('b', THREADS, 'threads', [{ worker: 0, state: 'holding', start: 0, end: 1 }]);
    expect(archive.get('b')).toBeUndefined();
  });
});
