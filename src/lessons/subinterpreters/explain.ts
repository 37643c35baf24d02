/** Subinterpreters: how they scaled beside threads and processes, and what each cost to start. */
import { findStep, speedupMeasure, type Explainer } from '../common/explainer';
import { speedupLesson } from '../common/speedup-sentences';
import { plural } from '../../shared/format';
import type { ModeResult } from '../../shared/results';
import { ANSWERS, type SubinterpretersAnswer } from './lesson';

const ms = (value: number): string => `${value < 10 ? value.toFixed(1) : value.toFixed(0)} ms`;

function subinterpreters(results: readonly ModeResult[], cores: number): string[] {
  const lines = speedupLesson(results, 'cpu', cores);
  const interp = findStep(results, 'interpreters');
  const proc = findStep(results, 'processes');
  const thread = findStep(results, 'threads');
  if (interp) {
    lines.push(
      interp.waitMs < 1
        ? `Each of the ${plural(interp.workers, 'interpreter')} took its own GIL and none waited for another's: one process, and the cores it could get.`
        : `The interpreters waited ${ms(interp.waitMs)} for a GIL in all, which interpreters with a GIL each never should: the lab reports it rather than hide it.`,
    );
  }
  if (interp && proc) {
    const starts = [thread ? `${plural(thread.workers, 'thread')} ${ms(thread.startupMs)}` : null, `${plural(interp.workers, 'interpreter')} ${ms(interp.startupMs)}`, `${plural(proc.workers, 'process', 'processes')} ${ms(proc.startupMs)}`];
    lines.push(
      `Start-up: ${starts.filter((s) => s !== null).join(', ')}. ` +
        (interp.startupMs < proc.startupMs
          ? 'An interpreter starts cheaper than a process: no new process, no second copy of the runtime' +
            (thread && thread.startupMs < interp.startupMs ? '; dearer than a thread, which only hands a function to an interpreter that already exists.' : '.')
          : 'This time the interpreters were no cheaper to start than the processes, which a busy machine can do; run again.'),
    );
  }
  if (interp) lines.push('Nothing was shared between the interpreters: each got its own copy of the task, as a process does.');
  return lines;
}

export const subinterpretersExplainer: Explainer<SubinterpretersAnswer> = {
  explain: (results, { cores }) => subinterpreters(results, cores),
  measure: (results) => speedupMeasure(findStep(results, 'interpreters'), ANSWERS),
};
