/**
 * Scale, part one: how long a worker takes to start (spawn -> ready message) when the lab starts
 * 1, 8 or 32 of them at once, as threads and as processes. Uses the engine's own Pool, the same
 * code the process-cost lesson measures with.
 */
import { builtEntries } from '../src/engine/entries';
import { Pool } from '../src/engine/pool';
import type { Host } from '../src/engine/spawn';
import { switchInterval } from '../src/shared/units';
import { log, median, OUT_MAIN } from './common';
import { fmt, type Section } from './report';

const SIZES = [1, 8, 32];
const RUNS = 3;

async function startOnce(host: Host, size: number): Promise<number[]> {
  const pool = await Pool.start({ entries: builtEntries(OUT_MAIN), host, size, chunkIterations: 1_000, switchInterval: switchInterval(5) });
  const ready = [...pool.readyMs];
  await pool.stop();
  return ready;
}

export async function startLatency(): Promise<Section> {
  const rows: string[][] = [];
  const data: { host: Host; size: number; runs: number[][] }[] = [];
  for (const host of ['thread', 'process'] as const) {
    await startOnce(host, 1); // warm-up: file cache, JIT of the engine's own code
    for (const size of SIZES) {
      log(`scale: start ${size} ${size === 1 ? host : host === 'thread' ? 'threads' : 'processes'}, ${RUNS} runs`);
      const runs: number[][] = [];
      for (let i = 0; i < RUNS; i++) runs.push(await startOnce(host, size));
      data.push({ host, size, runs });
      rows.push([
        host === 'thread' ? 'threads' : 'processes',
        String(size),
        fmt(median(runs.map((r) => median(r))), 1),
        fmt(median(runs.map((r) => Math.max(...r))), 1),
        fmt(Math.max(...runs.flat()), 1),
      ]);
    }
  }
  return {
    id: 'start-latency',
    title: '4a. Scale: worker start latency',
    method:
      `Pool.start of the engine (worker_threads or child processes running the built worker entries) for ${SIZES.join(', ')} workers at once; ` +
      `latency = spawn to the worker's ready message. One warm-up start per kind, then ${RUNS} runs; the median and the slowest worker of each run, medians over runs.`,
    tables: [
      {
        title: 'Start latency (spawn -> ready), ms',
        columns: ['kind', 'workers', 'median worker', 'slowest worker (median of runs)', 'slowest of all runs'],
        rows,
        notes: [
          "No goal. Threads here are fresh worker_threads (a whole V8 isolate each): what the lab pays off the clock for its interpreter's threads, and what a new interpreter costs; a lesson's thread start is handing a pre-started one its job (section 4c). Processes are what the process-cost lesson teaches with. On a small machine many processes start one after another, so the slowest grows with the count.",
        ],
      },
    ],
    checks: [],
    data,
  };
}
