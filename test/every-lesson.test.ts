/** Every lesson runs from the CLI with --json at a small size, and refuses a bad parameter clearly. */
import { describe, expect, it } from 'vitest';
import { EXPERIMENTS } from '../src/lessons/catalogue';
import { runCli } from './cli';
import { run } from './run-helpers';

/** Small sizes that still exercise every step of each lesson. */
const SMALL: Record<string, string[]> = {
  'cpu-bound': ['--workers', '2', '--seconds', '0.1'],
  'io-bound': ['--workers', '2', '--seconds', '0.1'],
  scaling: ['--workers', '2', '--seconds', '0.1'],
  'lost-update': ['--workers', '2', '--seconds', '0.05'],
  'counter-race': ['--workers', '2', '--seconds', '0.2'],
  'switch-interval': ['--workers', '2', '--seconds', '0.1'],
  convoy: ['--seconds', '0.2'],
  'native-release': ['--workers', '2', '--seconds', '0.1'],
  'free-threaded': ['--workers', '2', '--seconds', '0.1'],
  subinterpreters: ['--workers', '2', '--seconds', '0.1'],
  'process-cost': ['--workers', '2', '--seconds', '0.05'],
  asyncio: ['--workers', '3', '--seconds', '0.1'],
  hybrid: ['--workers', '2', '--seconds', '0.05'],
  deadlock: [],
  strategy: ['--workers', '2', '--seconds', '0.1'],
};

/** Lessons with steps the lab cannot time by workers' CPU: start-up and messages, a stopped deadlock. */
const WITHOUT_CORES_USED = new Set(['process-cost', 'deadlock']);

describe.each(EXPERIMENTS.map((e) => [e.id]))('%s', (id) => {
  it('runs from the CLI with --json', async () => {
    const report = await run([id, ...(SMALL[id] ?? [])]);
    expect(report.experiment).toBe(id);
    expect(report.runs.length).toBeGreaterThan(0);
    for (const result of report.runs) {
      // The label itself is tested here: every step shows one on the page and in the CLI's table.
      expect(result.step).toBeTruthy();
      expect(result.violations).toBe(0);
      if (!WITHOUT_CORES_USED.has(id)) expect(result.coresUsed, result.stepId).not.toBeNull();
      // CPU time over wall time: never below 0, never past the machine (a unit slip would be 1000x).
      if (result.coresUsed !== null) {
        expect(result.coresUsed).toBeGreaterThanOrEqual(0);
        expect(result.coresUsed).toBeLessThanOrEqual(report.cores + 0.5);
      }
    }
  });

  it('refuses a bad parameter with one sentence', async () => {
    const out = await runCli(['run', id, '--seconds', '-1']);
    expect(out.code).toBe(2);
    expect(out.stderr).toMatch(/seconds must be at least 0.05 s/);
    expect(out.stderr).not.toMatch(/\n\s+at /);
  });
});
