import { describe, expect, it } from 'vitest';
import { MAX_RUNS, RunArchive, stepKey, tabLabel } from './run-archive';

describe('RunArchive', () => {
  it('merges touching segments of one worker in the same state and skips idle ones', () => {
    const archive = new RunArchive();
    archive.beginRun('r', 'cpu-bound', ['threads'], 0);
    archive.beginStep('r', 'threads', 'threads', 2, ['thread 1', 'thread 2'], 1000, 40);
    archive.append('r', 'threads', 'threads', [
      { worker: 0, state: 'holding', start: 0, end: 5 },
      { worker: 0, state: 'holding', start: 5, end: 9 },
      { worker: 0, state: 'waiting', start: 9, end: 12 },
      { worker: 1, state: 'idle', start: 0, end: 9 },
      { worker: 1, state: 'holding', start: 9, end: 12 },
    ]);
    archive.append('r', 'threads', 'threads', [{ worker: 1, state: 'holding', start: 12, end: 20 }]);
    const timeline = archive.find('r', stepKey('threads', 'threads'));
    expect(timeline?.rows[0]).toEqual([
      { state: 'holding', start: 0, end: 9 },
      { state: 'waiting', start: 9, end: 12 },
    ]);
    expect(timeline?.rows[1]).toEqual([{ state: 'holding', start: 9, end: 20 }]);
    expect(timeline?.segments).toBe(3);
    expect(timeline?.end).toBe(20);
    expect(timeline?.labels).toEqual(['thread 1', 'thread 2']);
    expect(timeline?.goMs).toBe(40);
  });

  it('keys timelines by step, so steps sharing a mode stay apart', () => {
    const archive = new RunArchive();
    archive.beginRun('r', 'switch-interval', ['1 ms interval', '5 ms interval'], 0);
    archive.append('r', '1 ms interval', 'threads', [{ worker: 0, state: 'holding', start: 0, end: 1 }]);
    archive.append('r', '5 ms interval', 'threads', [{ worker: 0, state: 'holding', start: 0, end: 5 }]);
    const trace = archive.get('r');
    expect(trace?.timelines.map((t) => t.step)).toEqual(['1 ms interval', '5 ms interval']);
    expect(trace && tabLabel(trace, trace.timelines[0]!)).toBe('1 ms interval');
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
    archive.append('b', 'threads', 'threads', [{ worker: 0, state: 'holding', start: 0, end: 1 }]);
    expect(archive.get('b')).toBeUndefined();
  });
});
