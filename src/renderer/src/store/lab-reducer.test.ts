import { describe, expect, it } from 'vitest';
import { type Experiment } from '../../../shared/experiments';
import { EXPERIMENTS } from '../../../lessons/catalogue';
import { defaultControls } from './controls';
import { CONNECTION_LOST, labReducer } from './lab-reducer';
import { after, freshState, run } from './test-fixtures';

const lesson = (id: string): Experiment => EXPERIMENTS.find((e) => e.id === id) as Experiment;

describe('labReducer', () => {
  it('records the prediction chosen before Run with the run, and counts the lesson as run once it finishes', () => {
    const choice = lesson('cpu-bound').predictions[0]!;
    const state = after(freshState(), { type: 'predict', experiment: 'cpu-bound', prediction: choice }, run('r1').started());
    expect(state.session.runs[0]?.prediction).toEqual(choice);
    expect(state.lessonTab).toBe('results');
    expect(state.progress.lessons['cpu-bound']?.runs ?? 0).toBe(0);
    const done = after(state, run('r1').finished());
    expect(done.session.phase).toBe('finished');
    expect(done.progress.lessons['cpu-bound']?.runs).toBe(1);
  });

  it('a new run leaves a past run brought back and follows the run', () => {
    const viewed = after(freshState(), run('r1').started(), run('r1').finished(), { type: 'view', runId: 'r1' });
    expect(viewed.viewing).toBe('r1');
    const next = after(viewed, { type: 'lesson-tab', tab: 'lesson' }, run('r2').started());
    expect(next.viewing).toBeNull();
    expect(next.lessonTab).toBe('results');
  });

  it('opens a lesson at its defaults, on its text, and remembers it as the one last open', () => {
    const typed = after(freshState(), { type: 'set-controls', patch: { workers: '7' } }, { type: 'lesson-tab', tab: 'results' });
    const state = after(typed, { type: 'select', id: 'io-bound' });
    expect(state.selectedId).toBe('io-bound');
    expect(state.controls).toEqual(defaultControls(lesson('io-bound')));
    expect(state.lessonTab).toBe('lesson');
    expect(state.progress.selected).toBe('io-bound');
    const unknown = after(state, { type: 'select', id: 'no-such-lesson' });
    expect(unknown.selectedId).toBe('io-bound');
  });

  it('bringing back a run of another lesson opens that lesson', () => {
    const state = after(freshState(), run('r1', 'scaling').started(), run('r1', 'scaling').finished(), { type: 'select', id: 'io-bound' }, { type: 'view', runId: 'r1' });
    expect(state.selectedId).toBe('scaling');
    expect(state.viewing).toBe('r1');
    expect(state.lessonTab).toBe('results');
    expect(after(state, { type: 'view', runId: null }).viewing).toBeNull();
  });

  it("takes the host's saved settings except those chosen on the page meanwhile, and merges progress", () => {
    const preferences = { theme: 'light', presentation: true, sampleHz: 3, lastLesson: 'scaling', progress: { convoy: { ran: true } } } as const;
    const untouched = after(freshState(), { type: 'host-preferences', preferences });
    expect(untouched).toMatchObject({ theme: 'light', presentation: true, hzText: '3', selectedId: 'scaling' });
    expect(untouched.progress.lessons['convoy']?.runs).toBe(1);

    const chosen = after(freshState(), { type: 'toggle-presentation' }, { type: 'set-hz-text', text: '2' }, { type: 'select', id: 'io-bound' }, { type: 'toggle-theme' }, { type: 'toggle-theme' });
    const kept = after(chosen, { type: 'host-preferences', preferences });
    expect(kept).toMatchObject({ theme: 'dark', presentation: true, hzText: '2', selectedId: 'io-bound' });
    expect(kept.progress.lessons['convoy']?.runs).toBe(1);
  });

  it('ends a run in progress when the connection is lost', () => {
    const state = after(freshState(), run('r1').started(), { type: 'connection', state: 'lost', now: 5 });
    expect(state.session.phase).toBe('failed');
    expect(state.session.failure).toBe(CONNECTION_LOST);
    expect(state.connection).toBe('lost');
  });

  it("shows a refused start's sentence until the controls change", () => {
    const refused = after(freshState(), { type: 'starting' }, { type: 'start-refused', message: 'workers must be at most 64' });
    expect(refused.session.phase).toBe('idle');
    expect(refused.error).toBe('workers must be at most 64');
    expect(after(refused, { type: 'set-controls', patch: { workers: '2' } }).error).toBeNull();
  });

  it('keeps a picked timeline step until another step starts or another run is shown', () => {
    const running = after(freshState(), run('r1').started(), run('r1').step('sequential', 'sequential'));
    const picked = after(running, { type: 'pick-step', stepId: 'x' });
    expect(picked.timelinePick?.stepId).toBe('x');
    expect(after(picked, { type: 'lesson-tab', tab: 'lesson' }).timelinePick?.stepId).toBe('x');
    expect(after(picked, run('r1').step('threads', 'threads')).timelinePick).toBeNull();
    const finished = after(freshState(), run('r1').started(), run('r1').finished(), run('r2').started(), run('r2').finished());
    const pickedPast = after(finished, { type: 'pick-step', stepId: 'y' });
    expect(after(pickedPast, { type: 'view', runId: 'r1' }).timelinePick).toBeNull();
  });

  it('returns the same state for what changes nothing, so no one is told', () => {
    const state = after(freshState(), run('r1').started());
    expect(labReducer(state, run('r1').event({ type: 'timeline', runId: 'r1', stepId: 'threads', step: 'threads', mode: 'threads', segments: [] }))).toBe(state);
    expect(labReducer(state, { type: 'experiments', experiments: [] })).toBe(state);
  });
});
