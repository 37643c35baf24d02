/**
 * The real-CPython harness's own cost on the loop it measures (issue 12: under 5 %): the
 * cpu-bound lesson's crunch() with the harness's stamp every 4096 iterations against the same
 * function with a tick that does nothing, and the stamp's own cost against one chunk of the loop.
 */
import { join } from 'node:path';
import { findPython, log, ROOT, runJson } from './common';
import { fmt, type Section } from './report';

const GOAL_PCT = 5;

interface Overhead {
  python: string;
  n: number;
  seconds: { plain: number; noTick: number; emptyTick: number; harnessTick: number };
  stampNs: number;
  chunkNs: number;
  stampCostPct: number;
  stampOverheadPct: number;
  tickOverheadPct: number;
  vsPlainLoopPct: number;
}

export async function harnessOverhead(): Promise<Section> {
  const base = {
    id: 'harness',
    title: "1b. The CPython harness's own cost",
    method:
      "bench/python/harness_overhead.py on python3 (-I): the cpu-bound lesson's crunch(3,000,000), which calls tick() every 4096 iterations, given the " +
      "harness's real tick (perf_counter_ns appended to the thread's list), a tick of the same shape that stamps nothing, and a bare lambda; and a plain loop. " +
      "9 rounds, each variant three times in a row (best kept), on the thread's own CPU clock; overhead = median over rounds of the ratio within a round. " +
      `Then the stamp alone (best of 5 batches of a million, minus an empty call) over one 4096-iteration chunk. Goal (issue 12): the harness's cost under ${GOAL_PCT} %.`,
  };
  const python = await findPython();
  if (!python) return { ...base, tables: [], checks: [], skipped: 'no python3 (or python) on PATH.', data: null };
  log('harness: the stamp against the plain loop');
  const r = await runJson<Overhead>(python, ['-I', join(ROOT, 'bench', 'python', 'harness_overhead.py'), '--rounds', '9']);
  const endToEnd = Math.max(0, r.stampOverheadPct);
  return {
    ...base,
    tables: [
      {
        title: `CPython ${r.python}: the CPU loop with and without the harness's clock`,
        columns: ['plain loop, s', 'tick = lambda, s', 'tick stamps nothing, s', 'harness tick, s', 'harness vs empty tick', 'harness vs lambda', 'one stamp, ns', 'one chunk, µs', 'stamp / chunk'],
        rows: [[
          fmt(r.seconds.plain, 3), fmt(r.seconds.noTick, 3), fmt(r.seconds.emptyTick, 3), fmt(r.seconds.harnessTick, 3),
          `${fmt(r.stampOverheadPct, 1)} %`, `${fmt(r.tickOverheadPct, 1)} %`, fmt(r.stampNs, 0), fmt(r.chunkNs / 1000, 0), `${fmt(r.stampCostPct, 3)} %`,
        ]],
        notes: [
          'One stamp costs about a tenth of a microsecond against a chunk of about two hundred: the whole-loop differences (a few percent, moving between runs on a shared machine) are mostly calling a tick at all, which is the lesson\'s own code, and noise.',
        ],
      },
    ],
    checks: [
      { goal: `stamp cost per chunk under ${GOAL_PCT} %`, measured: `${fmt(r.stampCostPct, 3)} %`, pass: r.stampCostPct < GOAL_PCT },
      { goal: `crunch() with the harness's stamp within ${GOAL_PCT} % of it with a tick that stamps nothing`, measured: `${fmt(r.stampOverheadPct, 1)} %`, pass: endToEnd < GOAL_PCT },
    ],
    data: r,
  };
}
