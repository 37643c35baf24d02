/**
 * The convoy effect: an I/O thread's response time alone, beside one CPU-bound thread (each
 * return from I/O waits for the busy thread to be asked to drop the GIL), and with the CPU work
 * moved to a process.
 */
import { median, percentile } from '../../shared/stats';
import type { TaskSpec } from '../../shared/worker-protocol';
import { processes, threads, type Program, type RunContext, type WorkerSpec } from '../../engine/program-api';
import { STEPS, type ConvoyStep } from './lesson';

/** One request: a short I/O wait, then a little Python to handle the reply. */
const WAIT_MS = 0.5;
const HANDLE_MS = 0.05;


function server(ctx: RunContext): TaskSpec {
  return { kind: 'io-latency', durationMs: ctx.request.seconds * 1000, waitMs: WAIT_MS, cpuIterations: Math.max(1, Math.round(ctx.perMs * HANDLE_MS)) };
}

/** CPU work that outlasts the I/O thread a little, so it competes for the whole run. */
function busy(ctx: RunContext): TaskSpec {
  return { kind: 'cpu', iterations: Math.round(ctx.perMs * ctx.request.seconds * 1000 * 1.05) };
}


/** What runs beside the I/O thread in each step, and what its timeline row is called. */
const BESIDE: Readonly<Record<ConvoyStep, { busy: (ctx: RunContext) => WorkerSpec[]; rows: string[]; mode: 'threads' | 'processes' }>> = {
  alone: { busy: () => [], rows: ['I/O thread'], mode: 'threads' },
  beside: { busy: (ctx) => threads(1, () => [busy(ctx)]), rows: ['I/O thread', 'CPU thread'], mode: 'threads' },
  apart: { busy: (ctx) => processes(1, () => [busy(ctx)]), rows: ['I/O thread', 'CPU process'], mode: 'processes' },
};

export const convoyProgram: Program = {
  steps: () => Object.values(STEPS),
  run: async (ctx) => {
    let alone: number | null = null;
    for (const id of Object.keys(STEPS) as ConvoyStep[]) {
      const { busy: beside, rows, mode } = BESIDE[id];
      const workers = [...threads(1, () => [server(ctx)]), ...beside(ctx)];
      const { result, outcome } = await ctx.step({ step: { id, label: STEPS[id] }, mode, workers, workerLabels: rows });
      const latencies = outcome.samples[0]?.latencies ?? [];
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
