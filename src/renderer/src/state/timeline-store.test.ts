import { describe, expect, it } from 'vitest';
import { TimelineStore } from './timeline-store';

describe('TimelineStore', () => {
  it('merges touching segments of one worker in the same state and skips idle ones', () => {
    const store = new TimelineStore();
    store.beginRun('r', ['threads']);
    store.beginMode('r', 'threads', 2);
    store.append('r', 'threads', [
      { worker: 0, state: 'holding', start: 0, end: 5 },
      { worker: 0, state: 'holding', start: 5, end: 9 },
      { worker: 0, state: 'waiting', start: 9, end: 12 },
      { worker: 1, state: 'idle', start: 0, end: 9 },
      { worker: 1, state: 'holding', start: 9, end: 12 },
    ]);
    store.append('r', 'threads', [{ worker: 1, state: 'holding', start: 12, end: 20 }]);
    const timeline = store.get('threads');
    expect(timeline?.rows[0]).toEqual([
      { state: 'holding', start: 0, end: 9 },
      { state: 'waiting', start: 9, end: 12 },
    ]);
    expect(timeline?.rows[1]).toEqual([{ state: 'holding', start: 9, end: 20 }]);
    expect(timeline?.segments).toBe(3);
    expect(timeline?.end).toBe(20);
  });

  it('ignores batches of another run and forgets the old run on a new one', () => {
    const store = new TimelineStore();
    store.beginRun('a', ['threads']);
    store.append('b', 'threads', [{ worker: 0, state: 'holding', start: 0, end: 1 }]);
    expect(store.available()).toEqual([]);
    store.append('a', 'threads', [{ worker: 0, state: 'holding', start: 0, end: 1 }]);
    expect(store.available()).toEqual(['threads']);
    store.beginRun('b', ['sequential']);
    expect(store.get('threads')).toBeUndefined();
  });
});
