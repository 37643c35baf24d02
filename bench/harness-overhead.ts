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
  seconds: { plain: number; noTick: number; harnessTick: number };
  stampNs: number;
  chunkNs: number;
  stampCostPct: number;
  tickOverheadPct: number;
  vsPlainLoopPct: number;
}

export async function harnessOverhead(): Promise<Section> {
  const base = {
    id: 'harness',
    title: "1b. The CPython harness's own cost",
    method:
      'bench/python/harness_overhead.py on python3 (-I): the cpu-bound lesson\'s crunch(3,000,000) with the harness\'s real stamp (perf_counter_ns appended ' +
      'to the thread\'s list every 4096 iterations), with a tick that does nothing, and a plain loop; 9 interleaved rounds in rotated order, best of each, ' +
      "on the thread's own CPU clock. Then the stamp alone (best of 5 batches of a million, minus an empty call) over one 4096-iteration chunk. " +
      `Goal (issue 12): both under ${GOAL_PCT} %.`,
  };
  const python = await findPython();
  if (!python) return { ...base, tables: [], checks: [], skipped: 'no python3 (or python) on PATH.', data: null };
  log('harness: the stamp against the plain loop');
  const r = await runJson<Overhead>(python, ['-I', join(ROOT, 'bench', 'python', 'harness_overhead.py'), '--rounds', '9']);
  const endToEnd = Math.max(0, r.tickOverheadPct);
  return {
    ...base,
    tables: [
      {
        title: `CPython ${r.python}: the CPU loop with and without the harness's clock`,
        columns: ['plain loop, s', 'chunked, no stamp, s', 'chunked, harness stamp, s', 'stamp vs no stamp', 'one stamp, ns', 'one chunk, µs', 'stamp / chunk'],
        rows: [[fmt(r.seconds.plain, 3), fmt(r.seconds.noTick, 3), fmt(r.seconds.harnessTick, 3), `${fmt(r.tickOverheadPct, 1)} %`, fmt(r.stampNs, 0), fmt(r.chunkNs / 1000, 0), `${fmt(r.stampCostPct, 3)} %`]],
        notes: ['The A/B difference moves by a few percent between runs on a shared machine (caches, clock speed); the stamp/chunk figure is what one stamp adds to each chunk.'],
      },
    ],
    checks: [
      { goal: `stamp cost per chunk under ${GOAL_PCT} %`, measured: `${fmt(r.stampCostPct, 3)} %`, pass: r.stampCostPct < GOAL_PCT },
      { goal: `crunch() with the harness's stamp within ${GOAL_PCT} % of it without`, measured: `${fmt(r.tickOverheadPct, 1)} %`, pass: endToEnd < GOAL_PCT },
    ],
    data: r,
  };
}
