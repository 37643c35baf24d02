/**
 * The benchmark's entry (bundled by bench/run.mjs): runs each section in turn on this machine,
 * prints the markdown report and writes the JSON. A section that cannot run here says why in the
 * report instead of stopping the others. `--only fidelity,lock,...` runs a subset;
 * `--lessons hybrid,switch-interval` narrows the fidelity section to those lessons, and
 * `--rounds 3` runs each of them three times and judges the median round.
 */
import { availableParallelism, cpus, loadavg, platform, release, totalmem } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { killAllChildren } from '../src/engine/children';
import { cpuClock, log, otherCores, ROOT, snapshotBuild } from './common';
import { fidelity } from './fidelity';
import { harnessOverhead } from './harness-overhead';
import { CORES as FRAME_LANES, frameTime } from './frame-time';
import { labCost } from './lab-cost';
import { lockBench } from './lock';
import { processCost } from './process-cost';
import { markdown, writeJson, type Meta, type Section } from './report';
import { startLatency } from './scale';

/** One task's length in the fidelity and lock sections: long enough to dwarf start-up, short enough for a few minutes in all. */
const TASK_SECONDS = 0.5;
const LOCK_TASK_SECONDS = 0.5;

/** The fidelity section's lessons when `--lessons` names some (all with a counterpart otherwise), and its rounds (`--rounds`). */
let fidelityLessons: string[] | undefined;
let fidelityRounds = 1;

const SECTIONS: Record<string, { title: string; run: () => Promise<Section> }> = {
  fidelity: { title: '1. Fidelity against real CPython', run: () => fidelity(TASK_SECONDS, fidelityLessons, fidelityRounds) },
  harness: { title: "1b. The CPython harness's own cost", run: harnessOverhead },
  'lab-cost': { title: "2. The lab's own cost", run: labCost },
  lock: { title: '3. The lock itself', run: () => lockBench(LOCK_TASK_SECONDS) },
  'start-latency': { title: '4a. Scale: worker start latency', run: startLatency },
  // The lane count measured (BENCH_LANES), so a skipped or failed section is titled as it would have run.
  'frame-time': { title: `4b. Scale: renderer frame time at ${FRAME_LANES} cores (SYNTHETIC feed)`, run: frameTime },
  'process-cost': { title: '4c. Process cost against CPython', run: processCost },
};

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { only: { type: 'string' }, lessons: { type: 'string' }, rounds: { type: 'string' } }, strict: true });
  fidelityLessons = values.lessons?.split(',').map((s) => s.trim());
  fidelityRounds = values.rounds === undefined ? 1 : Number(values.rounds);
  if (!Number.isInteger(fidelityRounds) || fidelityRounds < 1 || fidelityRounds > 9) throw new Error(`--rounds takes a whole number from 1 to 9, not ${values.rounds}`);
  const wanted = values.only ? values.only.split(',').map((s) => s.trim()) : Object.keys(SECTIONS);
  const unknown = wanted.filter((id) => !(id in SECTIONS));
  if (unknown.length > 0) throw new Error(`unknown section(s) ${unknown.join(', ')}; choose from ${Object.keys(SECTIONS).join(', ')}`);

  const builtAt = await snapshotBuild();
  const started = performance.now();
  const first = cpuClock();
  const loadBefore = loadavg();
  const sections: Section[] = [];
  for (const id of wanted) {
    const section = SECTIONS[id] as (typeof SECTIONS)[string];
    log(`— ${section.title}`);
    const before = cpuClock();
    try {
      sections.push({ ...(await section.run()), otherCores: otherCores(before) });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      log(`${id} failed: ${message}`);
      sections.push({ id, title: section.title, method: 'see below', tables: [], checks: [], skipped: `it failed here: ${message}`, data: null });
    }
  }
  const cpu = cpus()[0]?.model.trim() ?? 'unknown CPU';
  const meta: Meta = {
    date: new Date().toISOString(),
    machine: `${cpu}, ${availableParallelism()} logical cores, ${(totalmem() / 2 ** 30).toFixed(1)} GiB, ${platform()} ${release()}`,
    node: process.version,
    loadBefore,
    loadAfter: loadavg(),
    otherCores: otherCores(first),
    build: `out/ as built at ${builtAt} (copied to bench/out/lab at the start, so a rebuild during the benchmark cannot mix builds)`,
    totalSeconds: (performance.now() - started) / 1000,
  };
  process.stdout.write(markdown(meta, sections) + '\n');
  log(`JSON written to ${writeJson(join(ROOT, 'bench', 'results'), meta, sections)}`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    killAllChildren();
    process.stderr.write(`bench: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
