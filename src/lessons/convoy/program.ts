/**
 * The convoy effect: an I/O thread's response time alone, beside one CPU-bound thread (each
 * return from I/O waits for the busy thread to be asked to drop the GIL), and with the CPU work
 * moved to a process.
 */
import { median, percentile } from '../../shared/stats';
import type { TaskSpec, WorkerSamples } from '../../shared/worker-protocol';
import { namedSteps, processes, threads, type Program, type RunContext, type WorkerSpec } from '../../engine/program-api';
import { BUSY_SHARE, STEPS, type ConvoyStep } from './lesson';

/** One request: a short I/O wait, then a little Python to handle the reply. The real lesson waits as long (CONVOY_WAIT_S in python/harness/plans.py). */
const WAIT_MS = 0.5;
const HANDLE_MS = 0.05;


function server(ctx: RunContext): TaskSpec {
  return { kind: 'io-latency', durationMs: ctx.request.seconds * 1000, waitMs: WAIT_MS, cpuIterations: Math.max(1, Math.round(ctx.perMs * HANDLE_MS)) };
}

/** CPU work that outlasts the I/O thread a little, so it competes for the whole run. */
function busy(ctx: RunContext): TaskSpec {
  return { kind: 'cpu', iterations: Math.round(ctx.perMs * ctx.request.seconds * 1000 * BUSY_SHARE) };
}

/**
 * The response times of requests made while the CPU worker was running beside the I/O thread.
 * Requests answered before it started or after it finished are the I/O thread alone: they are
 * many times more numerous than the slow ones (each takes a tenth of the time), so a few hundred
 * ms of start-up or tail skew would pull the median back to "alone" and hide the convoy.
 */
export function latenciesBeside(io: WorkerSamples | undefined, cpu: WorkerSamples | undefined): number[] {
  const latencies = io?.latencies ?? [];
  const at = io?.latencyAt;
  const span = cpu?.workSpan;
  if (!cpu) return latencies;
  if (!span || !at || at.length !== latencies.length) return [];
  const [from, to] = span;
  return latencies.filter((ms, i) => (at[i] as number) >= from && (at[i] as number) + ms <= to);
}

/** What runs beside the I/O thread in each step, and what its timeline row is called. */
const BESIDE: Readonly<Record<ConvoyStep, { busy: (ctx: RunContext) => WorkerSpec[]; rows: string[]; mode: 'threads' | 'processes' }>> = {
  alone: { busy: () => [], rows: ['I/O thread'], mode: 'threads' },
  beside: { busy: (ctx) => threads(1, () => [busy(ctx)]), rows: ['I/O thread', 'CPU thread'], mode: 'threads' },
  apart: { busy: (ctx) => processes(1, () => [busy(ctx)]), rows: ['I/O thread', 'CPU process'], mode: 'processes' },
};

export const convoyProgram: Program = {
  steps: () => namedSteps(STEPS),
  run: async (ctx) => {
    let alone: number | null = null;
    for (const id of Object.keys(STEPS) as ConvoyStep[]) {
      const { busy: beside, rows, mode } = BESIDE[id];
      const workers = [...threads(1, () => [server(ctx)]), ...beside(ctx)];
      const { result, outcome } = await ctx.step({ step: { id, label: STEPS[id] }, mode, workers, workerLabels: rows });
      // Alone, every request counts; beside a CPU worker, only those made while it ran.
      const latencies = latenciesBeside(outcome.samples[0], beside(ctx).length === 0 ? undefined : outcome.samples[1]);
      const medianMs = latencies.length > 0 ? median(latencies) : null;
      if (id === 'alone') alone = medianMs;
      ctx.finish({
        ...result,
        metrics: {
          medianLatencyMs: medianMs,
          p95LatencyMs: percentile(latencies, 0.95),
          requests: latencies.length,
          slowdown: medianMs !== null && alone ? medianMs / alone : null,
        },
      });
    }
  },
};
