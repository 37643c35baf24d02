/** What workers accept from the engine: every shape the engine sends, and a sentence for anything else. */
import { describe, expect, it } from 'vitest';
import { parseWith } from './checks';
import { createGilBuffer } from './gil-layout';
import { processCommandCheck, samplerCommandCheck, threadCommandCheck, threadDataCheck, workerJobCheck } from './worker-commands';
import type { TaskSpec, WorkerJob } from './worker-protocol';

const every: TaskSpec[] = [
  { kind: 'cpu', iterations: 1000 },
  { kind: 'cpu', iterations: 1000, native: true },
  { kind: 'io', waitMs: 5, cpuIterations: 10 },
  { kind: 'calibrate', ms: 400 },
  { kind: 'io-latency', durationMs: 100, waitMs: 0.5, cpuIterations: 10 },
  { kind: 'increment', count: 1000 },
  { kind: 'counter', count: 1000, lock: false },
  { kind: 'counter', count: 1000, lock: true, price: { lock: 1.3, wake: 11 } },
  { kind: 'deadlock', role: 'callback', releaseGilFirst: false, holdMs: 200 },
  { kind: 'pipeline', items: 4, fetchMs: 30, storeMs: 20, cpuIterations: 100, offload: true },
  { kind: 'event-loop', waits: 3, waitMs: 100, cpuTasks: 0, cpuIterations: 0 },
  { kind: 'stream', megabytes: 64, passes: 10 },
  { kind: 'async-pipeline', items: 8, fetchMs: 30, storeMs: 20, cpuIterations: 100 },
];
const job: WorkerJob = { worker: 1, tasks: every, gil: 'shared', chunkIterations: 500, switchIntervalUs: 5000, clockStart: 123.4, flushMs: 100 };

const error = (result: { ok: boolean; error?: string }): string | undefined => (result.ok ? undefined : result.error);

describe('worker commands', () => {
  it('accepts every task the engine sends, unchanged', () => {
    expect(parseWith(workerJobCheck, job, 'job')).toEqual({ ok: true, value: job });
    expect(parseWith(workerJobCheck, { ...job, serve: true, tasks: [] }, 'job')).toEqual({ ok: true, value: { ...job, serve: true, tasks: [] } });
  });

  it.each([
    ['a missing field', { ...job, gil: undefined }, 'job.gil must be one of shared, own, none'],
    ['an unknown task', { ...job, tasks: [{ kind: 'rm -rf' }] }, 'job.tasks[0].kind must be one of cpu, io'],
    ['a task count in text', { ...job, tasks: [{ kind: 'cpu', iterations: '1000' }] }, 'job.tasks[0].iterations must be a whole number from 0'],
    ['NaN', { ...job, switchIntervalUs: Number.NaN }, 'job.switchIntervalUs must be a number from 1'],
    ['a negative lock price', { ...job, tasks: [{ kind: 'counter', count: 10, lock: true, price: { lock: -1, wake: 0 } }] }, 'job.tasks[0].price.lock must be a number from 0'],
    ['a fractional worker', { ...job, worker: 1.5 }, 'job.worker must be a whole number'],
    ['too many tasks', { ...job, tasks: new Array(100_001).fill(every[0]) }, 'job.tasks must be a list of at most 100000'],
    ['not an object', 'job', 'job must be an object'],
  ])('refuses %s with a sentence naming the field', (_label, value, message) => {
    expect(error(parseWith(workerJobCheck, value, 'job'))).toContain(message);
  });

  it('leaves unknown keys behind, __proto__ among them', () => {
    const raw = JSON.parse('{"type":"task","id":1,"iterations":5,"__proto__":{"polluted":true},"extra":1}') as unknown;
    const parsed = parseWith(processCommandCheck, raw, 'command');
    expect(parsed).toEqual({ ok: true, value: { type: 'task', id: 1, iterations: 5 } });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('passes a task payload through untouched', () => {
    const payload = [1.5, 2.5];
    const parsed = parseWith(processCommandCheck, { type: 'task', id: 2, iterations: 0, payload }, 'command');
    expect(parsed.ok && parsed.value.type === 'task' && parsed.value.payload).toBe(payload);
  });

  it('refuses a thread buffer without a slot for the thread', () => {
    expect(parseWith(threadDataCheck, { job, buffer: createGilBuffer(2, 5000) }, 'workerData').ok).toBe(true);
    expect(error(parseWith(threadDataCheck, { job: { ...job, worker: 5 }, buffer: createGilBuffer(2, 5000) }, 'workerData'))).toBe(
      'workerData.buffer has no slot for worker 6',
    );
    expect(error(parseWith(threadDataCheck, { job, buffer: new ArrayBuffer(1024) }, 'workerData'))).toBe('workerData.buffer must be a SharedArrayBuffer');
  });

  it("checks a thread's commands: a job with the interpreter's memory (shared, not copied), or a pool task", () => {
    const buffer = createGilBuffer(2, 5000);
    const parsed = parseWith(threadCommandCheck, { type: 'job', job, buffer }, 'command');
    expect(parsed.ok && parsed.value.type === 'job' && parsed.value.buffer).toBe(buffer);
    expect(error(parseWith(threadCommandCheck, { type: 'job', job: { ...job, worker: 5 }, buffer }, 'command'))).toBe('command.buffer has no slot for worker 6');
    const payload = new SharedArrayBuffer(8);
    const task = parseWith(threadCommandCheck, { type: 'task', id: 1, iterations: 0, payload }, 'command');
    expect(task.ok && task.value.type === 'task' && task.value.payload).toBe(payload);
    expect(error(parseWith(threadCommandCheck, { type: 'go' }, 'command'))).toBe('command.type must be one of job, task');
  });

  it('checks the sampler commands and their rate', () => {
    expect(parseWith(samplerCommandCheck, { type: 'start', hz: 4 }, 'command')).toEqual({ ok: true, value: { type: 'start', hz: 4 } });
    expect(error(parseWith(samplerCommandCheck, { type: 'start', hz: 1000 }, 'command'))).toBe('command.hz must be a number from 2 to 5');
    expect(error(parseWith(samplerCommandCheck, null, 'command'))).toBe('command.type must be one of start, stop, machine');
  });
});
