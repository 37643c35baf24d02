import { describe, expect, it } from 'vitest';
import { coreAdvice } from './core-advice';
import { findExperiment } from '../lessons/catalogue';

const lesson = (id: string) => {
  const found = findExperiment(id);
  if (!found) throw new Error(id);
  return found;
};

describe('coreAdvice', () => {
  it('warns on 2 cores that parallel lessons top out at 2x', () => {
    expect(coreAdvice(lesson('cpu-bound'), 2)).toMatch(/2 cores.*about 2x/);
    expect(coreAdvice(lesson('io-bound'), 2)).toBeNull();
  });

  it('explains on 1 core why processes cannot win and updates are rarely lost', () => {
    expect(coreAdvice(lesson('scaling'), 1)).toMatch(/1 core.*nothing can run in parallel/);
    expect(coreAdvice(lesson('lost-update'), 1)).toMatch(/never run at the same instant/);
    expect(coreAdvice(lesson('switch-interval'), 1)).toBeNull();
  });

  it('says nothing on a machine with cores to spare', () => {
    expect(coreAdvice(lesson('cpu-bound'), 8)).toBeNull();
  });
});
