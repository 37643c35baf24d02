import { describe, expect, it } from 'vitest';
import { RunArchive } from './run-archive';
import { after, freshState, run } from './test-fixtures';
import { shownTab, shownStepId, timelineTabs } from './timeline-tabs';

describe('timeline tabs', () => {
  const archive = new RunArchive();
  const named = (id: string) => ({ id, label: id });
  archive.beginRun('r1', 'cpu-bound', ['sequential', 'threads', 'processes'].map(named), 0);
  archive.beginStep('r1', named('sequential'), 'sequential', 1, [], null, null);
  archive.beginStep('r1', named('threads'), 'threads', 2, [], null, null);

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
    const seq = 'sequential';
    const threads = 'threads';
    expect(shownStepId(tabs, seq, threads)).toBe(seq);
    // A planned step has no timeline yet: picking it shows the running one.
    expect(shownStepId(tabs, 'processes', seq)).toBe(seq);
    expect(shownStepId(tabs, null, null)).toBe(threads);
  });

  it('gives the export the step the panel shows', () => {
    const state = after(freshState(), run('r1').started(['sequential', 'threads', 'processes']), run('r1').step('threads', 'threads'));
    expect(shownTab(state, archive)).toMatchObject({ step: 'threads', mode: 'threads' });
    const picked = after(state, { type: 'pick-step', stepId: 'sequential' });
    expect(shownTab(picked, archive)).toMatchObject({ step: 'sequential', mode: 'sequential' });
  });

  it('follows the running step by its id, whatever the engine labels it', () => {
    const relabelled = new RunArchive();
    relabelled.beginRun('r1', 'scaling', [{ id: 'threads-2', label: '2 threads' }], 0);
    relabelled.beginStep('r1', { id: 'threads-2', label: 'two threads' }, 'threads', 2, [], null, null);
    relabelled.beginStep('r1', { id: 'threads-4', label: 'two threads' }, 'threads', 4, [], null, null);
    const state = after(freshState(), run('r1').started(['threads-2'], { 'threads-2': '2 threads' }), run('r1').step('threads-2', 'threads', 'two threads'));
    expect(shownTab(state, relabelled)).toMatchObject({ stepId: 'threads-2', label: '2 threads' });
    expect(timelineTabs(relabelled, 'r1').map((t) => t.stepId)).toEqual(['threads-2', 'threads-4']);
  });
});
