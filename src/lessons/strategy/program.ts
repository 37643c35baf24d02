/**
 * Choose a strategy: the decision table filled with speedups measured on this machine, taken
 * from this session's earlier runs where they exist, otherwise from a quick run made now.
 */
import type { ExperimentId, Mode } from '../../shared/experiments';
import type { ModeResult } from '../../shared/results';
import { speedup } from '../../shared/stats';
import { cpuTask, ioTask, processes, threads, type Program, type RunContext, type WorkerSpec } from '../../engine/program-api';
import type { AsyncioStep } from '../asyncio/lesson';
import { STEPS, type StrategyStep } from './lesson';

/** Where an earlier lesson measured a cell: that lesson's id and its own step id (typed by that lesson). */
type Source =
  | { experiment: Extract<ExperimentId, 'cpu-bound' | 'io-bound' | 'native-release' | 'hybrid'>; stepId: Mode }
  | { experiment: 'asyncio'; stepId: AsyncioStep };

interface Cell {
  workload: StrategyStep;
  mode: Mode;
  from: Source;
}

const CELLS: readonly Cell[] = [
  { workload: 'cpu', mode: 'threads', from: { experiment: 'cpu-bound', stepId: 'threads' } },
  { workload: 'cpu', mode: 'processes', from: { experiment: 'cpu-bound', stepId: 'processes' } },
  { workload: 'cpu', mode: 'asyncio', from: { experiment: 'asyncio', stepId: 'cpu-on-loop' } },
  { workload: 'io', mode: 'threads', from: { experiment: 'io-bound', stepId: 'threads' } },
  { workload: 'io', mode: 'asyncio', from: { experiment: 'asyncio', stepId: 'waits-on-loop' } },
  { workload: 'native', mode: 'threads', from: { experiment: 'native-release', stepId: 'threads' } },
  { workload: 'native', mode: 'native', from: { experiment: 'native-release', stepId: 'native' } },
  { workload: 'pipeline', mode: 'threads', from: { experiment: 'hybrid', stepId: 'threads' } },
  { workload: 'pipeline', mode: 'processes', from: { experiment: 'hybrid', stepId: 'processes' } },
  { workload: 'pipeline', mode: 'hybrid', from: { experiment: 'hybrid', stepId: 'hybrid' } },
];

const WORKLOADS = [...new Set(CELLS.map((c) => c.workload))];

function measured(history: readonly ModeResult[], cell: Cell): ModeResult | undefined {
  for (let i = history.length - 1; i >= 0; i--) {
    const r = history[i] as ModeResult;
    if (r.experiment === cell.from.experiment && r.stepId === cell.from.stepId && r.speedup !== null) return r;
  }
  return undefined;
}

/** A quick measurement of one cell: the strategy's step and its sequential baseline. */
async function quick(ctx: RunContext, cell: Cell): Promise<number | null> {
  const n = ctx.request.workers;
  const s = ctx.request.seconds;
  const io = cell.workload === 'io';
  const task = io ? ioTask(ctx, s) : cpuTask(ctx, s, cell.mode === 'native');
  const id = `quick-${cell.workload}-${cell.mode}`;
  const label = `quick: ${STEPS[cell.workload]} · ${cell.mode}`;
  const serial = await ctx.step({ step: { id: `${id}-sequential`, label: `${label} (sequential)` }, mode: 'sequential', workers: threads(1, () => Array.from({ length: n }, () => io ? task : cpuTask(ctx, s))), workerLabels: ['main thread'] });
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
      step: { id, label },
      mode: 'hybrid',
      workers: threads(n, () => [{ kind: 'pipeline', items: 1, fetchMs: cpuMs * 0.6, storeMs: cpuMs * 0.4, cpuIterations: Math.round(ctx.perMs * cpuMs), offload: true }]),
      pool: { size: poolSize },
    });
    const pipelineSerial = await ctx.step({
      step: { id: `${id}-sequential-pipeline`, label: `${label} (sequential pipeline)` },
      mode: 'sequential',
      workers: threads(1, () => [{ kind: 'pipeline', items: n, fetchMs: cpuMs * 0.6, storeMs: cpuMs * 0.4, cpuIterations: Math.round(ctx.perMs * cpuMs), offload: false }]),
    });
    return speedup(pipelineSerial.result.wallMs, run.result.wallMs);
  } else workers = threads(n, () => [task]);
  const run = await ctx.step({ step: { id, label }, mode: cell.mode, workers });
  return speedup(serial.result.wallMs, run.result.wallMs);
}

export const strategyProgram: Program = {
  steps: () => WORKLOADS.map((w) => ({ id: w, label: STEPS[w] })),
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
          stepId: workload,
          step: STEPS[workload],
          mode: row.cell.mode,
          task: workload === 'io' ? 'io' : 'cpu',
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
          metrics: { best: row === best ? 1 : 0, measuredEarlier: template ? 1 : 0 },
          findings: { winner: best.cell.mode },
          finishedAt: new Date().toISOString(),
        });
      }
    }
  },
};
