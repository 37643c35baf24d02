/**
 * Bad command lines get one clear sentence and a non-zero exit, never a stack trace; signals stop
 * a run and leave no worker behind.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { builtEntries } from '../src/engine/entries';
import { OUT_MAIN } from './build-state';
import { runCli, startCli, type LiveCli } from './cli';
import { processesRunning, waitUntil } from './processes';

const bad: [string[], RegExp][] = [
  [['run', 'cpu-bound', '--workers', '0'], /workers must be at least 1/],
  [['run', 'cpu-bound', '--workers', '-3'], /workers must be at least 1/],
  [['run', 'cpu-bound', '--workers', 'NaN'], /--workers must be a number/],
  [['run', 'cpu-bound', '--workers', 'four'], /--workers must be a number/],
  [['run', 'cpu-bound', '--workers', '2.5'], /whole number/],
  [['run', 'cpu-bound', '--workers', '100000'], /workers must be at most \d+ \(this machine has \d+ cores\)/],
  [['run', 'cpu-bound', '--seconds', '1000000000'], /seconds must be at most 30 s/],
  [['run', 'cpu-bound', '--seconds', '1e9'], /--seconds must be a number written in plain digits, like 0.5, not "1e9"/],
  [['run', 'cpu-bound', '--workers', '0x11'], /--workers must be a number written in plain digits, like 4, not "0x11"/],
  [['run', 'cpu-bound', '--workers', '1e1'], /--workers must be a number written in plain digits, like 4, not "1e1"/],
  [['run', 'cpu-bound', '--workers', ' 4'], /--workers must be a number written in plain digits, like 4, not " 4"/],
  [['run', 'cpu-bound', '--workers', '4.'], /--workers must be a number written in plain digits, like 4, not "4."/],
  [['run', 'cpu-bound', '--workers', ''], /--workers must be a number, not empty/],
  [['run', 'scaling', '--workers', '16', '--seconds', '30'], /this run would take about \d+ min.*more than the 10 min a run may last/],
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

/** The worker processes of the lab, wherever they came from; these tests run one CLI at a time. */
const workerProcesses = (): number[] => processesRunning(builtEntries(OUT_MAIN).process);
const LONG_RUN = ['run', 'cpu-bound', '--modes', 'processes', '--workers', '3', '--seconds', '20'];

/** Starts a long run and waits until its 3 worker processes are up. */
async function runningCli(): Promise<LiveCli> {
  const cli = startCli(LONG_RUN);
  live.push(cli);
  await cli.waitFor('running processes', 60_000);
  expect(await waitUntil(() => workerProcesses().length === 3, 10_000)).toBe(true);
  return cli;
}

/** The exit, or an error if the CLI is still running after `ms`. */
async function exitWithin(cli: LiveCli, ms: number): Promise<{ code: number | null; at: number }> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`the CLI was still running ${ms} ms later: ${cli.stderr()}`)), ms);
  });
  try {
    return await Promise.race([cli.exited, late]);
  } finally {
    clearTimeout(timer);
  }
}

const live: LiveCli[] = [];
afterEach(async () => {
  for (const cli of live.splice(0)) cli.kill();
  await waitUntil(() => workerProcesses().length === 0, 3000);
});

describe('the CLI stops on signals and leaves no worker', () => {
  it('one Ctrl+C cancels the run cleanly', async () => {
    const cli = await runningCli();
    cli.child.kill('SIGINT');
    const end = await exitWithin(cli, 10_000);
    expect(end.code).toBe(130);
    expect(cli.stderr()).toMatch(/press Ctrl\+C again to quit at once/);
    expect(cli.stderr()).toMatch(/the run was cancelled; every worker has been stopped/);
    expect(workerProcesses()).toEqual([]);
  });

  it('a second Ctrl+C exits at once', async () => {
    const cli = await runningCli();
    cli.child.kill('SIGINT');
    await cli.waitFor('press Ctrl+C again', 10_000);
    const sentAt = Date.now();
    cli.child.kill('SIGINT');
    const end = await exitWithin(cli, 5_000);
    expect(end.code).toBe(130);
    // The cancel may have won the race with the second signal; either way the CLI is gone at once.
    expect(cli.stderr()).toMatch(/stopped at once; every worker process was killed|the run was cancelled/);
    expect(end.at - sentAt).toBeLessThan(2_000);
    expect(await waitUntil(() => workerProcesses().length === 0, 2_000, 25)).toBe(true);
  });

  it('a second signal during the cancel kills every worker at once (both sent while the CLI is paused)', async () => {
    // Two Ctrl+C in a row can merge into one signal, so the two are told apart by kind: SIGINT and
    // SIGHUP, both pending while the CLI is stopped, arrive together when it resumes, before the
    // cancel of the first can finish.
    const cli = await runningCli();
    const pid = cli.child.pid as number;
    process.kill(pid, 'SIGSTOP');
    try {
      process.kill(pid, 'SIGINT');
      process.kill(pid, 'SIGHUP');
    } finally {
      process.kill(pid, 'SIGCONT');
    }
    const end = await exitWithin(cli, 5_000);
    expect([129, 130]).toContain(end.code);
    expect(cli.stderr()).toMatch(/stopped at once; every worker process was killed/);
    expect(cli.stderr()).not.toMatch(/the run was cancelled/);
    expect(await waitUntil(() => workerProcesses().length === 0, 2_000, 25)).toBe(true);
  });

  it.each([
    ['SIGHUP', 129],
    ['SIGTERM', 143],
  ] as const)('%s cleans up like a cancel', async (signal, code) => {
    const cli = await runningCli();
    cli.child.kill(signal);
    const end = await exitWithin(cli, 10_000);
    expect(end.code).toBe(code);
    expect(cli.stderr()).toMatch(/the run was cancelled; every worker has been stopped/);
    expect(workerProcesses()).toEqual([]);
  });
});
