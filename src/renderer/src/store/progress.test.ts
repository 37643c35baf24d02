import { describe, expect, it } from 'vitest';
import { EXPERIMENTS } from '../../../lessons/catalogue';
import { emptyProgress, fromPreferences, mergeProgress, parseProgress, toPreferences, withPrediction, withRun, withSelected } from './progress';

describe('progress', () => {
  it('round-trips runs, predictions and the open lesson', () => {
    const cpu = EXPERIMENTS[0]!;
    const choice = cpu.predictions[0]!;
    const progress = withSelected(withRun(withPrediction(emptyProgress, cpu.id, choice), cpu.id), cpu.id);
    const back = parseProgress(JSON.stringify(progress), EXPERIMENTS);
    expect(back.lessons[cpu.id]).toEqual({ runs: 1, prediction: choice });
    expect(back.selected).toBe(cpu.id);
  });

  it("finds a saved prediction by its answer's id, and a save older than answer ids by its words", () => {
    const cpu = EXPERIMENTS[0]!;
    const choice = cpu.predictions[1]!;
    const reworded = parseProgress(JSON.stringify({ lessons: { [cpu.id]: { runs: 0, prediction: { answer: choice.answer, label: 'old words', value: -1 } } } }), EXPERIMENTS);
    expect(reworded.lessons[cpu.id]?.prediction).toEqual(choice);
    const old = parseProgress(JSON.stringify({ lessons: { [cpu.id]: { runs: 0, prediction: { label: choice.label, value: choice.value } } } }), EXPERIMENTS);
    expect(old.lessons[cpu.id]?.prediction).toEqual(choice);
  });

  it('trusts nothing it reads back', () => {
    expect(parseProgress('not json', EXPERIMENTS)).toEqual(emptyProgress);
    expect(parseProgress('[1,2]', EXPERIMENTS)).toEqual(emptyProgress);
    const odd = parseProgress(
      JSON.stringify({ lessons: { nope: { runs: 3 }, 'cpu-bound': { runs: -2, prediction: { label: 'about 99x', value: 99 } } }, selected: 'nope' }),
      EXPERIMENTS,
    );
    expect(odd).toEqual(emptyProgress);
  });

  it('round-trips through the host preferences and merges with the page', () => {
    const cpu = EXPERIMENTS[0]!;
    const io = EXPERIMENTS[1]!;
    const page = withRun(withPrediction(emptyProgress, cpu.id, cpu.predictions[2]!), cpu.id);
    const host = fromPreferences(toPreferences(withSelected(withPrediction(emptyProgress, io.id, io.predictions[0]!), io.id)), EXPERIMENTS);
    expect(host.lessons[io.id]).toEqual({ runs: 0, prediction: io.predictions[0] });
    const merged = mergeProgress(page, host);
    expect(merged.lessons[cpu.id]).toEqual({ runs: 1, prediction: cpu.predictions[2] });
    expect(merged.lessons[io.id]?.prediction).toEqual(io.predictions[0]);
    expect(merged.selected).toBe(io.id);
    expect(fromPreferences({ progress: { nope: { ran: true } }, lastLesson: 'nope' }, EXPERIMENTS)).toEqual(emptyProgress);
  });
});
