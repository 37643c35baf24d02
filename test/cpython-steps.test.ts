/**
 * Every lesson with a real counterpart measures on CPython the steps its simulation plans, under
 * the same ids, so the side-by-side table pairs each one (shared/side-by-side.ts). Where a step
 * cannot have a counterpart it is listed here with the reason, and the explanation names it.
 * Tiny sizes: this checks the plans, not the figures. Skipped, with the reason, where no CPython is.
 */
import { spawnSync } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { describe, expect, it } from 'vitest';
import { findExperiment } from '../src/lessons/catalogue';
import { LAB_LESSONS } from '../src/lessons/programs';
import type { Experiment } from '../src/shared/experiments';
import { realLessonRefusal, REAL_LESSONS, type PythonInfo, type PythonList } from '../src/shared/python-schemas';
import type { ModeResult } from '../src/shared/results';
import type { RunRequest } from '../src/shared/schemas';
import { lessonStepId, realStepId } from '../src/shared/side-by-side';
import { CLI, runCli } from './cli';

const list = JSON.parse(spawnSync(process.execPath, [CLI, 'pythons', '--json'], { encoding: 'utf8', timeout: 60_000 }).stdout || '{"pythons":[],"skipped":[]}') as PythonList;

/** Small enough to be quick; the lesson's own workers where its steps depend on them. */
const ARGS: Record<(typeof REAL_LESSONS)[number], string[]> = {
  'cpu-bound': ['--workers', '2', '--seconds', '0.05'],
  'io-bound': ['--workers', '2', '--seconds', '0.05'],
  scaling: ['--workers', '3', '--seconds', '0.05'], // 1, 2, 3: the chosen count, not a power of two
  'counter-race': ['--workers', '2', '--seconds', '0.05'],
  'switch-interval': ['--workers', '2', '--seconds', '0.1'],
  convoy: ['--seconds', '0.1'],
  'native-release': ['--workers', '2', '--seconds', '0.05'],
  'free-threaded': ['--workers', '2', '--seconds', '0.05'],
  subinterpreters: ['--workers', '2', '--seconds', '0.05'],
  'process-cost': ['--workers', '2', '--seconds', '0.05'],
  asyncio: ['--workers', '3', '--seconds', '0.05'],
  hybrid: ['--workers', '2', '--seconds', '0.05'],
};

/** The first interpreter found that can run the lesson (a free-threaded build for that lesson). */
const pythonFor = (lesson: Experiment): PythonInfo | undefined => list.pythons.find((p) => realLessonRefusal(lesson, p) === null);

describe.each(REAL_LESSONS.map((id) => [id, pythonFor(findExperiment(id) as Experiment)] as const))('%s on real CPython', (id, python) => {
  it.skipIf(!python)(`measures the simulation's steps under its ids${python ? '' : ' (skipped: no CPython here can run it)'}`, async () => {
    const out = await runCli(['run', id, ...ARGS[id], '--python', python?.executable ?? '', '--engine', 'cpython', '--json'], 180_000);
    expect(out.code, out.stderr).toBe(0);
    const { runs, request } = JSON.parse(out.stdout) as { runs: ModeResult[]; request: RunRequest };
    const experiment = findExperiment(id) as Experiment;
    const planned = LAB_LESSONS.programs[id].steps(experiment, request, availableParallelism()).map((s) => s.id);
    // Steps the lesson says its Python cannot measure (free-threaded's threads under a GIL, its price).
    const missing = experiment.realOmits ?? [];
    expect(runs.map((r) => r.stepId)).toEqual(planned.filter((s) => !missing.includes(s)).map(realStepId));
    expect(runs.every((r) => r.engine === 'cpython' && lessonStepId(r) !== r.stepId)).toBe(true);
  });
});

/**
 * With --baseline-each-step the lesson's CPU baseline is timed again after each step compared
 * with it, and those steps (only those) carry the speedup against the baseline around them: the
 * step's speedup scaled by the baseline around it over the baseline step's own time.
 */
const AROUND: Partial<Record<(typeof REAL_LESSONS)[number], { base: string; steps: string[] }>> = {
  scaling: { base: 'alone', steps: ['threads-1', 'threads-2', 'threads-3', 'processes-1', 'processes-2', 'processes-3'] },
  'cpu-bound': { base: 'sequential', steps: ['threads', 'processes'] },
  'native-release': { base: 'sequential', steps: ['native'] },
  'process-cost': { base: 'tiny-in-turn', steps: ['tiny-each', 'tiny-batched'] },
  asyncio: { base: 'cpu-in-turn', steps: ['cpu-on-loop'] },
};

describe.each(Object.entries(AROUND).map(([id, plan]) => [id, plan, pythonFor(findExperiment(id) as Experiment)] as const))('%s with its baseline timed around each step', (id, plan, python) => {
  it.skipIf(!python)(`gives only the steps compared with ${plan?.base} a speedup against the baseline around them${python ? '' : ' (skipped: no CPython here)'}`, async () => {
    const out = await runCli(['run', id, ...ARGS[id as (typeof REAL_LESSONS)[number]], '--python', python?.executable ?? '', '--engine', 'cpython', '--baseline-each-step', '--json'], 180_000);
    expect(out.code, out.stderr).toBe(0);
    const { runs } = JSON.parse(out.stdout) as { runs: ModeResult[] };
    const around = runs.filter((r) => r.metrics['speedupAround'] != null);
    expect(around.map(lessonStepId)).toEqual(plan?.steps);
    const base = runs.find((r) => lessonStepId(r) === plan?.base);
    expect(base?.wallMs).toBeGreaterThan(0);
    for (const r of around) {
      const baselineAround = r.metrics['baselineAroundMs'] as number;
      expect(baselineAround).toBeGreaterThan(0);
      expect((r.metrics['speedupAround'] as number) / (r.speedup as number)).toBeCloseTo(baselineAround / (base?.wallMs as number), 4);
    }
  });
});
