/**
 * The counter race, subinterpreters and free-threading on real CPython, through the built CLI.
 * Counts are facts; an interpreter that cannot run a lesson is refused in one sentence, and with
 * both engines the simulation still runs. Skipped, with the reason, where no such interpreter is.
 */
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import type { PythonInfo, PythonList } from '../src/shared/python-schemas';
import type { ModeResult } from '../src/shared/results';
import { CLI, runCli } from './cli';

const list = JSON.parse(spawnSync(process.execPath, [CLI, 'pythons', '--json'], { encoding: 'utf8', timeout: 60_000 }).stdout || '{"pythons":[],"skipped":[]}') as PythonList;
const minor = (p: PythonInfo): number => Number(p.version.split('.')[1] ?? 0);
const withGil = list.pythons.find((p) => !p.freeThreaded);
const before314 = list.pythons.find((p) => minor(p) < 14);
const from314 = list.pythons.find((p) => minor(p) >= 14 && !p.freeThreaded);
const freeThreaded = list.pythons.find((p) => p.freeThreaded);

async function realRun(python: PythonInfo, args: string[]): Promise<ModeResult[]> {
  const out = await runCli(['run', ...args, '--python', python.executable, '--engine', 'cpython', '--json'], 180_000);
  expect(out.code, out.stderr).toBe(0);
  return (JSON.parse(out.stdout) as { runs: ModeResult[] }).runs;
}
/** A real step by its id in the run: `cpython:` and the id the simulated lesson gives the same step. */
const step = (runs: ModeResult[], id: string): ModeResult => {
  const found = runs.find((r) => r.stepId === id);
  if (!found) throw new Error(`no step "${id}" in ${runs.map((r) => r.stepId).join(', ')}`);
  return found;
};

describe.skipIf(!withGil)(`counter-race on ${withGil?.version ?? '(no CPython with a GIL found)'}`, () => {
  it('loses updates under the GIL and counts exactly with a threading.Lock', async () => {
    // 1 ms intervals over about a tenth of a second: dozens of switches, each at a call or a loop's end.
    const runs = await realRun(withGil as PythonInfo, ['counter-race', '--workers', '2', '--seconds', '1', '--switch-ms', '1']);
    const bare = step(runs, 'cpython:gil');
    const locked = step(runs, 'cpython:lock');
    expect(bare.metrics.expected).toBe(2_000_000);
    expect(bare.metrics.lost).toBeGreaterThan(0);
    expect(bare.metrics.lost).toBe((bare.metrics.expected ?? 0) - (bare.metrics.actual ?? 0));
    expect(locked.metrics.actual).toBe(2_000_000);
    expect(locked.metrics.lost).toBe(0);
  });
});

describe.skipIf(!before314)(`subinterpreters on ${before314?.version ?? '(no CPython before 3.14 found)'}`, () => {
  it('is refused in one sentence on the real engine', async () => {
    const out = await runCli(['run', 'subinterpreters', '--seconds', '0.1', '--python', (before314 as PythonInfo).executable, '--engine', 'cpython']);
    expect(out.code).toBe(2);
    expect(out.stderr).toMatch(/The subinterpreters lesson needs CPython 3\.14 or newer \(concurrent\.interpreters\); CPython 3\.\d+\.\d+ cannot run it/);
    expect(out.stderr).not.toMatch(/\n\s+at /);
  });

  it('with both engines, says so and runs the simulation alone', async () => {
    const out = await runCli(['run', 'subinterpreters', '--workers', '2', '--seconds', '0.1', '--modes', 'sequential,interpreters', '--python', (before314 as PythonInfo).executable, '--json'], 180_000);
    expect(out.code, out.stderr).toBe(0);
    expect(out.stderr).toMatch(/note: The subinterpreters lesson needs CPython 3\.14 or newer/);
    const runs = (JSON.parse(out.stdout) as { runs: ModeResult[] }).runs;
    expect(runs.map((r) => r.engine)).toEqual(['lab', 'lab']);
  });
});

describe.skipIf(!from314)(`subinterpreters on ${from314?.version ?? '(no CPython 3.14+ with a GIL on this machine: pyenv here stops at 3.13)'}`, () => {
  it('a GIL per interpreter: they beat threads, and start cheaper than processes', async () => {
    const runs = await realRun(from314 as PythonInfo, ['subinterpreters', '--workers', '4', '--seconds', '0.5']);
    const interp = step(runs, 'cpython:interpreters');
    expect(interp.speedup!).toBeGreaterThanOrEqual(1.25 * step(runs, 'cpython:threads').speedup!);
    expect(interp.startupMs).toBeLessThan(step(runs, 'cpython:processes').startupMs);
  });
});

describe.skipIf(!withGil)('free-threaded on a build with the GIL', () => {
  it('is refused in one sentence', async () => {
    const out = await runCli(['run', 'free-threaded', '--seconds', '0.1', '--python', (withGil as PythonInfo).executable, '--engine', 'cpython']);
    expect(out.code).toBe(2);
    expect(out.stderr).toMatch(/The free-threading lesson needs a free-threaded build \(python3\.13t or python3\.14t\)/);
  });
});

describe.skipIf(!freeThreaded)(`free-threaded on ${freeThreaded?.version ?? '(no free-threaded build on this machine)'}`, () => {
  it('threads with no GIL beat the sequential run', async () => {
    const runs = await realRun(freeThreaded as PythonInfo, ['free-threaded', '--workers', '2', '--seconds', '0.5']);
    expect(runs.every((r) => r.python?.freeThreaded === true && r.python.gilEnabled === false)).toBe(true);
    expect(step(runs, 'cpython:free-threaded').speedup!).toBeGreaterThanOrEqual(1.3);
  });
});
