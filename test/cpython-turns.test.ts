/**
 * How the real-CPython harness reads runs and turns from the threads' own clocks, checked on stamp
 * lists of known truth (test/python/test_turns.py, Python's own unittest): a loop slowed since
 * calibration with short turns, threads that sleep, threads that run at once. No lesson runs and
 * nothing is timed, so a busy machine cannot move it. Skipped, with the reason, without a Python.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const SUITE = join(__dirname, 'python', 'test_turns.py');
const python = ['python3', 'python'].find((name) => spawnSync(name, ['-c', 'import sys; assert sys.version_info >= (3, 9)'], { timeout: 10_000 }).status === 0);

describe.skipIf(!python)(`the harness's turn reading (${python ?? 'no CPython 3.9+ on PATH'})`, () => {
  it('passes its Python tests', () => {
    // -I: as the lab starts the harness, with no user site or PYTHON* variables in the way.
    const out = spawnSync(python as string, ['-I', SUITE, '-v'], { encoding: 'utf8', timeout: 60_000 });
    expect(out.error).toBeUndefined();
    expect(out.status, out.stderr).toBe(0);
    expect(out.stderr).toMatch(/Ran \d+ tests/);
  });
});
