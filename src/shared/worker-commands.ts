/**
 * What a worker checks before it acts on what the engine sent it: a process's commands, a thread's
 * job, the sampler's commands. Built on checks.ts, not zod, so a worker starts as fast as before
 * (see checks.ts for the measurement). Each check is typed by the protocol it guards, so a field
 * the protocol requires cannot be left unchecked.
 */
import { anything, array, boolean, CheckFailed, instanceOf, literal, number, object, oneOf, tagged, whole, type Check } from './checks';
import { GIL, SLOT } from './gil-layout';
import { LIMITS } from './limits';
import type { SamplerCommand } from './sampler-protocol';
import type { ProcessCommand, TaskSpec, ThreadCommand, WorkerJob } from './worker-protocol';

/** More tasks than any lesson gives one worker (process-cost's sequential step has 20 000). */
const MAX_TASKS = 100_000;
/** More workers than any run may start (see limits.ts). */
const MAX_WORKER = LIMITS.workers.ceiling;

const ms = number(0);

export const taskSpecCheck: Check<TaskSpec> = tagged('kind', {
  cpu: object({ kind: literal('cpu'), iterations: whole() }, { native: boolean, refcountCost: number(0, 4) }),
  io: object({ kind: literal('io'), waitMs: ms, cpuIterations: whole() }),
  calibrate: object({ kind: literal('calibrate'), ms: number(1, 60_000) }),
  'io-latency': object({ kind: literal('io-latency'), durationMs: ms, waitMs: ms, cpuIterations: whole() }),
  increment: object({ kind: literal('increment'), count: whole() }),
  counter: object({ kind: literal('counter'), count: whole(), lock: boolean }),
  deadlock: object({ kind: literal('deadlock'), role: oneOf('python', 'callback'), releaseGilFirst: boolean, holdMs: ms }),
  pipeline: object({ kind: literal('pipeline'), items: whole(), fetchMs: ms, storeMs: ms, cpuIterations: whole(), offload: boolean }),
  'event-loop': object({ kind: literal('event-loop'), waits: whole(0, 100_000), waitMs: ms, cpuTasks: whole(0, 100_000), cpuIterations: whole() }),
  // At most 1 GB per array: a typo must not ask a laptop for its whole memory.
  stream: object({ kind: literal('stream'), megabytes: number(1, 1024), passes: whole(1, 10_000) }),
  'async-pipeline': object({ kind: literal('async-pipeline'), items: whole(0, 100_000), fetchMs: ms, storeMs: ms, cpuIterations: whole() }),
});

export const workerJobCheck: Check<WorkerJob> = object(
  {
    worker: whole(0, MAX_WORKER),
    tasks: array(taskSpecCheck, MAX_TASKS),
    gil: oneOf('shared', 'own', 'none'),
    chunkIterations: whole(1),
    switchIntervalUs: number(1),
    clockStart: number(),
    flushMs: number(1),
  },
  { serve: boolean, warmUp: boolean, taskPriceIterations: whole() },
);

export const processCommandCheck: Check<ProcessCommand> = tagged('type', {
  job: object({ type: literal('job'), job: workerJobCheck }),
  go: object({ type: literal('go') }),
  task: object({ type: literal('task'), id: whole(), iterations: whole() }, { payload: anything, price: whole() }),
});

/** A thread's workerData: its job, and the interpreter's memory, big enough to hold its slot. */
export const threadDataCheck: Check<{ job: WorkerJob; buffer: SharedArrayBuffer }> = (value, path) => {
  const data = object({ job: workerJobCheck, buffer: instanceOf(SharedArrayBuffer, 'SharedArrayBuffer') })(value, path);
  const words = GIL.HEADER_WORDS + (data.job.worker + 1) * SLOT.WORDS;
  if (data.buffer.byteLength < words * Int32Array.BYTES_PER_ELEMENT) throw new CheckFailed(`${path}.buffer has no slot for worker ${data.job.worker + 1}`);
  return data;
};

/** A thread's command: a job with the interpreter's memory (checked as above), or a pool task. */
export const threadCommandCheck: Check<ThreadCommand> = tagged('type', {
  // tagged() has checked the tag; the rest is a thread's job and memory.
  job: (value, path) => ({ type: 'job' as const, ...threadDataCheck(value, path) }),
  task: object({ type: literal('task'), id: whole(), iterations: whole() }, { payload: anything, price: whole() }),
});

export const samplerCommandCheck: Check<SamplerCommand> = tagged('type', {
  start: object({ type: literal('start'), hz: number(LIMITS.sampleHz.min, LIMITS.sampleHz.max) }),
  stop: object({ type: literal('stop') }),
  machine: object({ type: literal('machine') }),
});
