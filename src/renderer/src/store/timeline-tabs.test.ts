import { describe, expect, it } from 'vitest';
import { RunArchive, stepKey } from './run-archive';
import { after, freshState, run } from './test-fixtures';
import { shownTab, shownTabKey, timelineTabs } from './timeline-tabs';

describe('timeline tabs', () => {
  const archive = new RunArchive();
  archive.beginRun('r1', 'cpu-bound', ['sequential', 'threads', 'processes'], 0);
  archive.beginStep('r1', 'sequential', 'sequential', 1, [], null, null);
  archive.beginStep('r1', 'threads', 'threads', 2, [], null, null);

  it('lists started steps, then the planned ones still to come', () => {
    expect(timelineTabs(archive, 'r1').map((t) => [t.label, t.timeline !== undefined])).toEqual([
      ['sequential', true],
      ['threads', true],
      ['processes', false],
    ]);
    expect(timelineTabs(archive, 'none')).toEqual([]);
  });

  it('shows the pick while it has a timeline, else the running step, else the latest', () => {
    const tabs = timelineTabs(archive, 'r1');
    const seq = stepKey('sequential', 'sequential');
    const threads = stepKey('threads', 'threads');
    expect(shownTabKey(tabs, seq, threads)).toBe(seq);
    expect(shownTabKey(tabs, 'planned:processes', seq)).toBe(seq);
    expect(shownTabKey(tabs, null, null)).toBe(threads);
  });

  it('gives the export the step the panel shows', () => {
    const state = after(freshState(), run('r1').started(['sequential', 'threads', 'processes']), run('r1').step('threads', 'threads'));
    expect(shownTab(state, archive)).toMatchObject({ step: 'threads', mode: 'threads' });
    const picked = after(state, { type: 'pick-step', key: stepKey('sequential', 'sequential') });
    expect(shownTab(picked, archive)).toMatchObject({ step: 'sequential', mode: 'sequential' });
  });
});
