/**
 * The real-CPython harness's own logic, in Python's own unittest on figures of known truth: how it
 * reads runs and turns from the threads' clocks (test/python/test_turns.py: a loop slowed since
 * calibration with short turns, threads that sleep, threads that run at once) and how it times a
 * baseline around each step (test/python/test_baseline.py); and what the convoy lesson's serve()
 * reports (test/python/test_convoy.py: a few real 2 ms sleeps, judged only on never being shorter
 * than the wait). No timing is judged, so a busy machine cannot move it. Skipped, with the reason, without a Python.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const SUITES = ['test_turns.py', 'test_baseline.py', 'test_convoy.py'];
const python = ['python3', 'python'].find((name) => spawnSync(name, ['-c', 'import sys; assert sys.version_info >= (3, 9)'], { timeout: 10_000 }).status === 0);

describe.skipIf(!python)(`the harness's own logic (${python ?? 'no CPython 3.9+ on PATH'})`, () => {
  it.each(SUITES)('%s passes', (suite) => {
    // -I: as the lab starts the harness, with no user site or PYTHON* variables in the way.
    const out = spawnSync(python as string, ['-I', join(__dirname, 'python', suite), '-v'], { encoding: 'utf8', timeout: 60_000 });
    expect(out.error).toBeUndefined();
    expect(out.status, out.stderr).toBe(0);
    expect(out.stderr).toMatch(/Ran \d+ tests/);
  });
});
