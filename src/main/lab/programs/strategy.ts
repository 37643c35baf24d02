/**
 * Choose a strategy: the decision table filled with speedups measured on this machine, taken
 * from this session's earlier runs where they exist, otherwise from a quick run made now.
 */
import type { Mode } from '../../../shared/experiments';
import type { ModeResult } from '../../../shared/results';
import { speedup } from '../../../shared/stats';
import { cpuTask, ioTask, processes, threads, type Program, type RunContext } from './program';
import type { WorkerSpec } from '../step-runner';

interface Cell {
  workload: string;
  mode: Mode;
  /** Where an earlier lesson measured it: experiment id and step label. */
  from: { experiment: string; step: string };
}

const CELLS: readonly Cell[] = [
  { workload: 'CPU-bound', mode: 'threads', from: { experiment: 'cpu-bound', step: 'threads' } },
  { workload: 'CPU-bound', mode: 'processes', from: { experiment: 'cpu-bound', step: 'processes' } },
  { workload: 'CPU-bound', mode: 'asyncio', from: { experiment: 'asyncio', step: 'CPU as coroutines' } },
  { workload: 'I/O-bound', mode: 'threads', from: { experiment: 'io-bound', step: 'threads' } },
  { workload: 'I/O-bound', mode: 'asyncio', from: { experiment: 'asyncio', step: 'waits on one event loop' } },
  { workload: 'Native code', mode: 'threads', from: { experiment: 'native-release', step: 'threads' } },
  { workload: 'Native code', mode: 'native', from: { experiment: 'native-release', step: 'native' } },
  { workload: 'Pipeline', mode: 'threads', from: { experiment: 'hybrid', step: 'threads' } },
  { workload: 'Pipeline', mode: 'processes', from: { experiment: 'hybrid', step: 'processes' } },
  { workload: 'Pipeline', mode: 'hybrid', from: { experiment: 'hybrid', step: 'hybrid' } },
];

const WORKLOADS = [...new Set(CELLS.map((c) => c.workload))];
const MODE_CODE: Partial<Record<Mode, number>> = { threads: 1, processes: 2, asyncio: 3, native: 4, hybrid: 5 };

function measured(history: readonly ModeResult[], cell: Cell): ModeResult | undefined {
  for (let i = history.length - 1; i >= 0; i--) {
    const r = history[i] as ModeResult;
    if (r.experiment === cell.from.experiment && r.step === cell.from.step && r.speedup !== null) return r;
  }
  return undefined;
}

/** A quick measurement of one cell: the strategy's step and its sequential baseline. */
async function quick(ctx: RunContext, cell: Cell): Promise<number | null> {
  const n = ctx.request.workers;
  const s = ctx.request.seconds;
  const io = cell.workload === 'I/O-bound';
  const task = io ? ioTask(ctx, s) : cpuTask(ctx, s, cell.mode === 'native');
  const label = `quick: ${cell.workload} · ${cell.mode}`;
  const serial = await ctx.step({ label: `${label} (sequential)`, mode: 'sequential', workers: threads(1, () => Array.from({ length: n }, () => io ? task : cpuTask(ctx, s))), workerLabels: ['main thread'] });
  let workers: WorkerSpec[];
  if (cell.mode === 'processes') workers = processes(n, () => [task]);
  else if (cell.mode === 'asyncio') {
    workers = threads(1, () => [
      io
        ? { kind: 'event-loop', waits: n, waitMs: s * 1000, cpuTasks: 0, cpuIterations: 0 }
        : { kind: 'event-loop', waits: 0, waitMs: 0, cpuTasks: n, cpuIterations: Math.round(ctx.perMs * s * 1000) },
    ]);
  } else if (cell.mode === 'hybrid') {
    const cpuMs = s * 1000;
    const poolSize = Math.max(1, Math.min(n, ctx.cores));
    const run = await ctx.step({
      label,
      mode: 'hybrid',
      workers: threads(n, () => [{ kind: 'pipeline', items: 1, fetchMs: cpuMs * 0.6, storeMs: cpuMs * 0.4, cpuIterations: Math.round(ctx.perMs * cpuMs), offload: true }]),
      pool: { size: poolSize },
    });
    const pipelineSerial = await ctx.step({
      label: `${label} (sequential pipeline)`,
      mode: 'sequential',
      workers: threads(1, () => [{ kind: 'pipeline', items: n, fetchMs: cpuMs * 0.6, storeMs: cpuMs * 0.4, cpuIterations: Math.round(ctx.perMs * cpuMs), offload: false }]),
    });
    return speedup(pipelineSerial.result.wallMs, run.result.wallMs);
  } else workers = threads(n, () => [task]);
  const run = await ctx.step({ label, mode: cell.mode, workers });
  return speedup(serial.result.wallMs, run.result.wallMs);
}

export const strategyProgram: Program = {
  steps: () => WORKLOADS,
  run: async (ctx) => {
    const history = ctx.history();
    const rows: { cell: Cell; value: number | null; source: ModeResult | undefined }[] = [];
    for (const cell of CELLS) {
      const source = measured(history, cell);
      rows.push({ cell, source, value: source ? source.speedup : await quick(ctx, cell) });
    }
    for (const workload of WORKLOADS) {
      const mine = rows.filter((r) => r.cell.workload === workload);
      const best = mine.reduce((a, b) => ((b.value ?? 0) > (a.value ?? 0) ? b : a));
      for (const row of mine) {
        const template = row.source;
        ctx.finish({
          runId: '',
          experiment: 'strategy',
          step: workload,
          mode: row.cell.mode,
          task: workload === 'I/O-bound' ? 'io' : 'cpu',
          workers: template?.workers ?? ctx.request.workers,
          tasks: template?.tasks ?? ctx.request.workers,
          taskSeconds: template?.taskSeconds ?? ctx.request.seconds,
          switchMs: template?.switchMs ?? ctx.request.switchMs,
          wallMs: template?.wallMs ?? 0,
          startupMs: template?.startupMs ?? 0,
          speedup: row.value,
          coresUsed: template?.coresUsed ?? null,
          coresBusy: template?.coresBusy ?? null,
          gilSwitches: template?.gilSwitches ?? 0,
          forcedSwitches: template?.forcedSwitches ?? 0,
          holdMs: template?.holdMs ?? 0,
          waitMs: template?.waitMs ?? 0,
          ioMs: template?.ioMs ?? 0,
          violations: template?.violations ?? 0,
          perWorker: [],
          metrics: { best: row === best ? 1 : 0, bestCode: MODE_CODE[best.cell.mode] ?? null, measuredEarlier: template ? 1 : 0 },
          finishedAt: new Date().toISOString(),
        });
      }
    }
  },
};
