/**
 * The run context names every step by id and label in what it streams, and refuses a step id used
 * twice in one run (the page keeps a run's timelines by step id). Manual steps spawn nothing, so
 * these run without workers.
 */
import { describe, expect, it } from 'vitest';
import type { Experiment } from '../shared/experiments';
import type { RunEvent } from '../shared/results';
import { builtEntries } from './entries';
import { LabError } from './errors';
import { createRunContext } from './run-context';
import { Sampler } from './sampler';

const experiment: Experiment = {
  id: 'process-cost',
  title: 'A test lesson',
  short: 'Test',
  question: '?',
  explanation: '',
  python: '',
  task: 'cpu',
  modes: ['threads'],
  modesSelectable: false,
  defaults: { workers: 2, seconds: 1, switchMs: 5 },
  controls: {},
  chart: 'costs',
  cores: 'none',
  metrics: [],
  prompt: '?',
  predictions: [],
};

function context() {
  const events: RunEvent[] = [];
  const abort = new AbortController();
  const entries = builtEntries('/nonexistent');
  const ctx = createRunContext(
    { runId: 'r', experiment, request: { experiment: experiment.id, workers: 2, seconds: 1, switchMs: 5 }, perMs: 1000, signal: abort.signal, results: [] },
    // The sampler is never asked to watch here, so its entry is never started.
    { cores: 2, entries, sampler: new Sampler(entries.sampler), emit: (e) => void events.push(e), baselines: new Map() },
  );
  return { ctx, events, abort };
}

describe('run context', () => {
  it("streams a step's id beside its label, when it starts and with its timeline", () => {
    const { ctx, events, abort } = context();
    const step = ctx.manualStep({ id: 'start-threads', label: 'start threads' }, 'threads', ['thread 1']);
    step.onSegments([{ worker: 0, state: 'holding', start: 0, end: 1 }]);
    abort.abort();
    expect(events.find((e) => e.type === 'mode-started')).toMatchObject({ stepId: 'start-threads', step: 'start threads', mode: 'threads' });
    expect(events.find((e) => e.type === 'timeline')).toMatchObject({ stepId: 'start-threads', step: 'start threads', segments: [{ worker: 0 }] });
  });

  it('refuses a step id used twice in one run, whatever its label', () => {
    const { ctx, abort } = context();
    ctx.manualStep({ id: 'start-threads', label: 'start threads' }, 'threads', []);
    expect(() => ctx.manualStep({ id: 'start-threads', label: 'start threads again' }, 'threads', [])).toThrow(LabError);
    expect(() => ctx.manualStep({ id: 'start-processes', label: 'start threads' }, 'processes', [])).not.toThrow();
    abort.abort();
  });
});
