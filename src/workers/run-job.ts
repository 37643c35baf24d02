/**
 * Runs one worker's share of a mode: wait for the start signal, take the GIL, run the tasks,
 * drop it. Shared by the worker_thread entry and the child-process entry.
 */
import type { RawWorkerStats, TaskSpec, WorkerJob, WorkerMessage } from '../shared/worker-protocol';
import { GilClient } from './gil';
import { calibrate, cpuKernel, ioKernel, type KernelContext } from './kernels';
import { modeClock, StateRecorder } from './recorder';

export interface JobOutcome {
  stats: RawWorkerStats;
  checksum: number;
  iterationsPerMs?: number;
  gil: GilClient;
}

export function runJob(
  job: WorkerJob,
  buffer: SharedArrayBuffer,
  send: (message: WorkerMessage) => void,
  onCheckpoint: () => void = () => {},
): JobOutcome {
  const now = modeClock(job.clockStart);
  const recorder = new StateRecorder(now, job.flushMs, (segments) => send({ type: 'timeline', segments }));
  const gil = new GilClient(buffer, job.gil === 'shared' ? job.worker : 0, recorder, job.gil === 'own' ? 'free' : 'holding');
  const ctx: KernelContext = {
    gil,
    chunkIterations: job.chunkIterations,
    now,
    onCheckpoint: () => {
      recorder.tick();
      onCheckpoint();
    },
  };

  gil.awaitGo();
  let checksum = 0;
  let iterationsPerMs: number | undefined;
  let tasks = 0;
  try {
    gil.take();
    for (const task of job.tasks) {
      const result = runTask(task, ctx);
      checksum += result.checksum;
      if (result.iterationsPerMs !== undefined) iterationsPerMs = result.iterationsPerMs;
      tasks++;
    }
    gil.drop('done');
  } finally {
    if (gil.held) gil.drop('done');
    recorder.finish();
  }
  const t = recorder.totals;
  return {
    stats: {
      holdMs: t.holding,
      waitMs: t.waiting,
      ioMs: t.io,
      freeMs: t.free,
      acquisitions: gil.acquisitions,
      forcedDrops: gil.forcedDrops,
      tasks,
    },
    checksum,
    gil,
    ...(iterationsPerMs !== undefined ? { iterationsPerMs } : {}),
  };
}

function runTask(task: TaskSpec, ctx: KernelContext): { checksum: number; iterationsPerMs?: number } {
  switch (task.kind) {
    case 'cpu':
      return { checksum: cpuKernel(task.iterations, ctx) };
    case 'io':
      return { checksum: ioKernel(task.waitMs, task.cpuIterations, ctx) };
    case 'calibrate':
      return calibrate(task.ms, ctx);
  }
}
