/** Bad command lines get one clear sentence and a non-zero exit, never a stack trace. */
import { describe, expect, it } from 'vitest';
import { runCli } from './cli';

const bad: [string[], RegExp][] = [
  [['run', 'cpu-bound', '--workers', '0'], /workers must be at least 1/],
  [['run', 'cpu-bound', '--workers', '-3'], /workers must be at least 1/],
  [['run', 'cpu-bound', '--workers', 'NaN'], /--workers must be a number/],
  [['run', 'cpu-bound', '--workers', 'four'], /--workers must be a number/],
  [['run', 'cpu-bound', '--workers', '2.5'], /whole number/],
  [['run', 'cpu-bound', '--workers', '100000'], /workers must be at most \d+ \(this machine has \d+ cores\)/],
  [['run', 'cpu-bound', '--seconds', '1e9'], /seconds must be at most 30 s/],
  [['run', 'cpu-bound', '--seconds', '0'], /seconds must be at least 0.05 s/],
  [['run', 'cpu-bound', '--switch-ms', 'Infinity'], /--switch-ms must be a number/],
  [['run', 'cpu-bound', '--switch-ms', '0'], /switch interval must be at least 0.1 ms/],
  [['run', 'cpu-bound', '--modes', 'fibers'], /mode must be one of/],
  [['run', 'no-such-lesson'], /unknown experiment "no-such-lesson"/],
  [['run'], /run needs an experiment id/],
  [['launch'], /unknown command "launch"/],
  [['run', 'cpu-bound', '--colour'], /Unknown option '--colour'/],
];

describe('the CLI refuses bad arguments clearly', () => {
  it.each(bad)('%j', async (args, message) => {
    const out = await runCli(args);
    expect(out.code).toBe(2);
    expect(out.stdout).toBe('');
    expect(out.stderr).toMatch(message);
    expect(out.stderr).not.toMatch(/\n\s+at /);
    expect(out.stderr.trim().split('\n').length).toBeLessThanOrEqual(2);
  });

  it('lists the experiments, as text and as JSON', async () => {
    const text = await runCli(['list']);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/cpu-bound/);
    expect(text.stdout).toMatch(/io-bound/);
    const json = await runCli(['list', '--json']);
    const ids = (JSON.parse(json.stdout) as { id: string }[]).map((e) => e.id);
    expect(ids).toEqual(expect.arrayContaining(['cpu-bound', 'io-bound']));
  });

  it('still runs after all that: a tiny run succeeds', async () => {
    const out = await runCli(['run', 'io-bound', '--workers', '2', '--seconds', '0.1', '--json']);
    expect(out.code, out.stderr).toBe(0);
    const report = JSON.parse(out.stdout) as { runs: { mode: string }[] };
    expect(report.runs.map((r) => r.mode)).toEqual(['sequential', 'threads']);
  });
});
