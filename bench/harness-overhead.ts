/**
 * The real-CPython harness's own cost on the loop it measures (issue 12: under 5 %): the
 * cpu-bound lesson's crunch() with the harness's tick against no clock at all, the harness's whole
 * sequential step against a plain thread, and one stamp against one chunk of the loop. How and why
 * it is measured that way (CPU time, paired ABBA samples, median of ratios) is in
 * bench/python/harness_overhead.py.
 */
import { join } from 'node:path';
import { findPython, log, ROOT, runJson } from './common';
import { fmt, type Section } from './report';

const GOAL_PCT = 5;

/** A median of per-pair ratios, as bench/python/harness_overhead.py reports it. */
interface Paired {
  pct: number;
  low: number;
  high: number;
  pairs: number;
  bareMs: number;
  harnessMs: number;
}

interface Overhead {
  python: string;
  n: number;
  stampNs: number;
  chunkNs: number;
  stampCostPct: number;
  tick: Paired;
  /** The reporter thread's own CPU (draining stamps into segments, writing JSON) over the loop's. */
  reporter: { pct: number; reporterMs: number; loopMs: number; steps: number };
  step: Paired;
}

const pct = (p: Paired): string => `${fmt(p.pct, 1)} % (95 %: ${fmt(p.low, 1)} to ${fmt(p.high, 1)})`;

export async function harnessOverhead(): Promise<Section> {
  const base = {
    id: 'harness',
    title: "1b. The CPython harness's own cost",
    method:
      "bench/python/harness_overhead.py on python3 (-I), on the cpu-bound lesson's own crunch(), which calls tick() every 4096 iterations. " +
      "tick: crunch with the harness's tick (perf_counter_ns appended to the thread's list) against crunch with `lambda: None`, 150 pairs of ~25 ms on the thread's CPU clock. " +
      "reporter: in 3 sequential steps run by the harness's own steps.run_threads, the reporter thread's CPU (draining stamps into segments every 0.25 s, writing JSON) over the loop's, each read on its own thread's clock. " +
      "step (a cross-check, shown): the whole sequential step against crunch on a plain thread, 15 pairs of ~0.3 s on the process's CPU clock. " +
      'A/B figures: interleaved in ABBA order with a fresh tick per sample; overhead = median of the per-pair ratios, with a 95 % interval from the order statistics. ' +
      'CPU time, short paired samples and the median because this machine is shared: another program on our core moves a single run by 5-30 %, the difference sought is under 1 %. ' +
      `Then the stamp alone (best of 5 batches of a million, minus an empty call) over one 4096-iteration chunk. Goal (issue 12): the harness's cost under ${GOAL_PCT} %.`,
  };
  const python = await findPython();
  if (!python) return { ...base, tables: [], checks: [], skipped: 'no python3 (or python) on PATH.', data: null };
  log('harness: the tick, the reporter and the step against the bare loop');
  const r = await runJson<Overhead>(python, ['-I', join(ROOT, 'bench', 'python', 'harness_overhead.py')]);
  return {
    ...base,
    tables: [
      {
        title: `CPython ${r.python}: the CPU loop with and without the harness`,
        columns: ['what', 'bare, ms (median)', 'with the harness, ms (median)', 'overhead', 'samples'],
        rows: [
          ['tick: crunch() with the stamp vs lambda: None', fmt(r.tick.bareMs, 1), fmt(r.tick.harnessMs, 1), pct(r.tick), String(r.tick.pairs)],
          ['reporter: its thread\'s CPU over the loop\'s', fmt(r.reporter.loopMs, 0), fmt(r.reporter.reporterMs, 1), `${fmt(r.reporter.pct, 2)} %`, `${r.reporter.steps} steps`],
          ['step (cross-check): the harness\'s sequential step vs a plain thread', fmt(r.step.bareMs, 0), fmt(r.step.harnessMs, 0), pct(r.step), String(r.step.pairs)],
          ['stamp alone over one 4096-iteration chunk', fmt(r.chunkNs / 1000, 0) + ' µs', fmt(r.stampNs, 0) + ' ns', `${fmt(r.stampCostPct, 3)} %`, '–'],
        ],
        notes: [
          `One stamp costs ${fmt(r.stampNs, 0)} ns against a chunk of ${fmt(r.chunkNs / 1000, 0)} µs, so the expected overhead of the tick is ${fmt(r.stampCostPct, 2)} %; ` +
            'whole-loop figures that move by more than that between runs are mostly the shared machine, which is why the interval is shown.',
          "The step's A/B is not judged: its samples are long enough to include the reporter's wake-ups, so few fit in the time and its interval stays wide on a shared machine; the reporter's own CPU is judged instead.",
        ],
      },
    ],
    checks: [
      { goal: `stamp cost per chunk under ${GOAL_PCT} %`, measured: `${fmt(r.stampCostPct, 3)} %`, pass: r.stampCostPct < GOAL_PCT },
      { goal: `crunch() with the harness's tick within ${GOAL_PCT} % of it with no clock (median of paired CPU times)`, measured: pct(r.tick), pass: r.tick.pct < GOAL_PCT },
      { goal: `the reporter thread's CPU under ${GOAL_PCT} % of the loop's`, measured: `${fmt(r.reporter.pct, 2)} %`, pass: r.reporter.pct < GOAL_PCT },
    ],
    data: r,
  };
}
