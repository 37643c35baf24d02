/**
 * The engine's check of what workers send. A child process is another process, so nothing it
 * says is trusted until it parses; `satisfies` ties these schemas to the types in
 * worker-protocol.ts so the two cannot drift.
 */
import { z } from './zod-config';
import { MAX_SAMPLES, type WorkerMessage } from './worker-protocol';

/** A compact timeline segment: [state code, start ms, end ms]. */
const packedSegment = z.tuple([z.number().int().min(0).max(6), z.number(), z.number()]);

const workerStatsSchema = z.object({
  holdMs: z.number(),
  waitMs: z.number(),
  ioMs: z.number(),
  freeMs: z.number(),
  cpuMs: z.number().min(0),
  acquisitions: z.number().int(),
  forcedDrops: z.number().int(),
  tasks: z.number().int(),
});

/** Raw measurements a worker took, summarised by the engine (each list capped). */
const workerSamplesSchema = z.object({
  /** Each hold of the GIL, ms. */
  holds: z.array(z.number()).max(MAX_SAMPLES),
  /** Each contended wait for the GIL, ms. */
  waits: z.array(z.number()).max(MAX_SAMPLES),
  /** Each request's response time (io-latency), ms. */
  latencies: z.array(z.number()).max(MAX_SAMPLES),
  /** When each request began, ms on the step's clock, in the order of `latencies`. */
  latencyAt: z.array(z.number()).max(MAX_SAMPLES).optional(),
  /** When the worker's tasks ran, ms on the step's clock. */
  workSpan: z.tuple([z.number(), z.number()]).optional(),
  /** Longest an event loop's heartbeat was late, ms (event-loop). */
  loopStallMs: z.number().optional(),
  /** Duration of each phase of an event-loop task, ms. */
  phases: z.record(z.string(), z.number()).optional(),
});

/** What a worker tells the engine. */
export const workerMessageSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ready'), rssBytes: z.number().optional() }),
  z.object({ type: z.literal('timeline'), segments: z.array(packedSegment).max(100_000) }),
  z.object({
    type: z.literal('done'),
    stats: workerStatsSchema,
    /** Sum of the kernel's results, so no engine can optimise the work away. */
    checksum: z.number(),
    samples: workerSamplesSchema.optional(),
    /** Only from a calibration task. */
    iterationsPerMs: z.number().positive().optional(),
    gilSwitches: z.number().int().optional(),
    /** Only from a process: violations of its own GIL. */
    violations: z.number().int().optional(),
  }),
  /** A thread hands the CPU stage of a pipeline to the engine's process pool (a future). */
  z.object({ type: z.literal('submit'), slot: z.number().int().min(0), iterations: z.number().int().positive() }),
  /** A pool worker's answer to a served task. */
  z.object({ type: z.literal('result'), id: z.number().int(), checksum: z.number(), payload: z.unknown().optional(), rssBytes: z.number().optional(), cpuMs: z.number().min(0).optional() }),
  z.object({ type: z.literal('cancelled') }),
  z.object({ type: z.literal('error'), message: z.string().max(2000) }),
]) satisfies z.ZodType<WorkerMessage>;

