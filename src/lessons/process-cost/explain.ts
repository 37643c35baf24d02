/** The price of a process: start-up and memory, a round trip of 1 MB, and tiny tasks one message each or batched. */
import { byStep, metric, speedupMeasure, type Explainer } from '../common/explainer';
import { groupDigits, msText, secondsText, timesText } from '../../shared/format';
import type { ModeResult } from '../../shared/results';
import { ANSWERS, START_METHOD_TEXT, type ProcessCostAnswer, type ProcessCostStep } from './lesson';

function processCost(results: readonly ModeResult[]): string[] {
  const get = (step: ProcessCostStep): ModeResult | undefined => byStep(results, step);
  const lines: string[] = [];
  const tStart = metric(get('start-threads'), 'startupMs');
  const pStart = metric(get('start-processes'), 'startupMs');
  const method = get('start-processes')?.findings?.startMethod;
  if (tStart !== null && pStart !== null) {
    const memory = metric(get('start-processes'), 'memoryMB');
    const ratio = tStart > 0 ? ` (${timesText(pStart / tStart)} longer)` : '';
    lines.push(
      `Starting a thread took ${msText(tStart)}: the interpreter's OS threads already exist, so starting one is handing it a function. (The lab's threads are worker_threads, whole V8 isolates, started before anything is timed; what is timed is the hand-over, a message, as CPython's thread start is an OS thread's, about 0.1 ms.) ` +
        `Starting a process took ${msText(pStart)}${ratio}${memory !== null ? `, and each process used ${groupDigits(memory)} MB (a Node runtime's memory; a bare CPython 3.11 process takes about 13 MB)` : ''}: a process is a whole new interpreter` +
        `${method ? `, started here as ${START_METHOD_TEXT[method]}; fork would start one in a few ms, spawn takes tens` : ''}.`,
    );
  }
  const tTrip = metric(get('trip-thread'), 'roundTripMs');
  const pTrip = metric(get('trip-process'), 'roundTripMs');
  if (tTrip !== null && pTrip !== null) {
    const copied = metric(get('trip-process'), 'bytes');
    lines.push(
      `Sending 1 MB to a thread and back took ${msText(tTrip)}: the thread was handed a reference to the same memory (a SharedArrayBuffer in the lab), nothing copied. ` +
        `To a process and back it took ${msText(pTrip)}: between processes every byte is serialised and copied, both ways${copied !== null ? ` (${groupDigits(copied)} bytes each way, as Node's IPC writes them; pickle writes about 1.1 MB)` : ''}.`,
    );
  }
  const seq = get('tiny-in-turn') ?? results.find((r) => r.mode === 'sequential');
  const each = get('tiny-each');
  const batched = get('tiny-batched');
  if (seq && each && batched) {
    const n = seq.tasks > 1 ? `${groupDigits(seq.tasks)} tiny tasks` : 'The tiny tasks';
    const verdict =
      (each.speedup ?? 0) < 1 && (batched.speedup ?? 0) >= 1.1
        ? 'one message per task costs more than the task itself; batching pays the cost once per batch, and the pool wins'
        : (each.speedup ?? 0) < 1 && (batched.speedup ?? 0) >= 0.85
          ? 'one message per task costs more than the task itself; batching pays it once per batch, which brings the pool back to about the sequential time here'
          : (each.speedup ?? 0) < 1 && (batched.speedup ?? 0) > (each.speedup ?? 0)
            ? 'one message per task costs more than the task itself; batching pays it once per batch, but these tasks are so small that even batches lose to doing them in sequence'
            : (each.speedup ?? 0) >= 1
          ? 'here even one message per task paid off: the tasks were not tiny enough to drown in the messages'
          : 'even batched, sending the work cost more than it saved';
    lines.push(
      `${n} took ${secondsText(seq.wallMs)} in sequence, ${secondsText(each.wallMs)} with one message each (${timesText(each.speedup)}) and ${secondsText(batched.wallMs)} batched (${timesText(batched.speedup)}): ${verdict}.`,
    );
    const parent = metric(each, 'parentCpuPerMessageMs');
    const task = metric(each, 'taskCpuMs');
    const node = metric(each, 'nodeParentCpuPerMessageMs');
    if (parent !== null && task !== null && task > 0) {
      const nodeShare = node !== null ? ` (Node's own message took ${msText(node)} of it, measured as the pool ran; the lab paid the rest as real work)` : '';
      lines.push(
        `Each message cost the pool's parent ${msText(parent)} of CPU, ${timesText(parent / task)} the task it carried, paid one message after another: ` +
          `what a task costs CPython's pool (pickling the call and the result, its queue, its threads), measured with CPython 3.11${nodeShare}. That, not the cores, set the pace.`,
      );
    }
  }
  return lines;
}

export const processCostExplainer: Explainer<ProcessCostAnswer> = {
  explain: (results) => processCost(results),
  measure: (results) => speedupMeasure(byStep(results, 'tiny-each'), ANSWERS),
};
