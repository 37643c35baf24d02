/**
 * Messages between the engine and its workers (worker_threads and child processes). Child
 * processes are another process, so the engine parses what they send with these schemas.
 */
import { z } from 'zod';

/** One unit of work. Iteration counts come from calibration, never from the user directly. */
export type TaskSpec =
  | { kind: 'cpu'; iterations: number }
  | { kind: 'io'; waitMs: number; cpuIterations: number }
  | { kind: 'calibrate'; ms: number };

/** Everything a worker needs to run its share of a mode. */
export interface WorkerJob {
  worker: number;
  tasks: TaskSpec[];
  /** 'shared': take the GIL in `buffer`; 'own': a private GIL (a process, never contended). */
  gil: 'shared' | 'own';
  /** Iterations of the sum loop between two eval-breaker checks (~25 us of work). */
  chunkIterations: number;
  switchIntervalUs: number;
  /** The mode's start on the machine's monotonic clock (ms); timeline times are relative to it. */
  clockStart: number;
  /** How often a worker sends its timeline batch. */
  flushMs: number;
}

/** A compact timeline segment: [state code, start ms, end ms]. */
export const packedSegment = z.tuple([z.number().int().min(0).max(5), z.number(), z.number()]);
export type PackedSegment = z.infer<typeof packedSegment>;

export const workerStatsSchema = z.object({
  holdMs: z.number(),
  waitMs: z.number(),
  ioMs: z.number(),
  freeMs: z.number(),
  acquisitions: z.number().int(),
  forcedDrops: z.number().int(),
  tasks: z.number().int(),
});
export type RawWorkerStats = z.infer<typeof workerStatsSchema>;

/** What a worker tells the engine. */
export const workerMessageSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ready') }),
  z.object({ type: z.literal('timeline'), segments: z.array(packedSegment).max(100_000) }),
  z.object({
    type: z.literal('done'),
    stats: workerStatsSchema,
    /** Sum of the kernel's results, so no engine can optimise the work away. */
    checksum: z.number(),
    /** Only from a calibration task. */
    iterationsPerMs: z.number().positive().optional(),
    /** Only from a process: switches and violations of its own GIL. */
    gilSwitches: z.number().int().optional(),
    violations: z.number().int().optional(),
  }),
  z.object({ type: z.literal('cancelled') }),
  z.object({ type: z.literal('error'), message: z.string().max(2000) }),
]);
export type WorkerMessage = z.infer<typeof workerMessageSchema>;

/** What the engine tells a child process (worker_threads get their job as workerData). */
export type ProcessCommand = { type: 'job'; job: WorkerJob } | { type: 'go' };
