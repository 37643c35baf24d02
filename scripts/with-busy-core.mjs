/**
 * Runs a command beside another program that keeps one core 100 % busy, as a video call does on
 * an attendee's laptop: `node scripts/with-busy-core.mjs -- npx vitest run test/lessons.test.ts`.
 * The lessons must tell the truth there too (LAB_DESIGN.md section 8), so CI runs its timing
 * tests this way once more.
 *
 * The busy program is a plain `node -e` spin loop at normal priority. It is killed when the
 * command ends, on SIGINT, SIGTERM and SIGHUP, and on any exit of this script; should this script
 * be killed outright, the loop notices its parent has changed and stops by itself.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { constants } from 'node:os';

const args = process.argv.slice(2);
const command = args[0] === '--' ? args.slice(1) : args;
if (command.length === 0) {
  process.stderr.write('usage: node scripts/with-busy-core.mjs -- <command> [args…]\n');
  process.exit(2);
}

// Checks its parent every few million turns (a few ms): an orphan stops instead of burning on.
const SPIN = `const parent = process.ppid; for (let i = 1; ; i++) if (i % 4e6 === 0 && process.ppid !== parent) process.exit(0);`;
const spinner = spawn(process.execPath, ['-e', SPIN], { stdio: 'ignore' });
spinner.on('error', (error) => {
  process.stderr.write(`with-busy-core: could not start the busy program: ${error.message}\n`);
  process.exit(2);
});
const spinStarted = performance.now();

/** CPU seconds the spinner has used, where /proc tells (Linux); null elsewhere. */
function spinnerCpuSeconds() {
  try {
    const stat = readFileSync(`/proc/${spinner.pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // utime and stime (fields 14 and 15) in clock ticks; USER_HZ is 100 on Linux's ABI.
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return null;
  }
}

function stopSpinner() {
  if (spinner.exitCode === null && spinner.signalCode === null) spinner.kill('SIGKILL');
}
process.on('exit', stopSpinner);

process.stderr.write(`with-busy-core: one core kept busy by pid ${spinner.pid}; running ${command.join(' ')}\n`);
const child = spawn(command[0], command.slice(1), { stdio: 'inherit', shell: process.platform === 'win32' });

for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => {
    stopSpinner();
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    // A command that ignores the signal is not waited for past a few seconds.
    setTimeout(() => process.exit(130), 5000).unref();
  });
}

child.on('error', (error) => {
  process.stderr.write(`with-busy-core: could not run ${command[0]}: ${error.message}\n`);
  process.exit(2);
});
child.on('exit', (code, signal) => {
  const cpu = spinnerCpuSeconds();
  const wall = (performance.now() - spinStarted) / 1000;
  stopSpinner();
  if (cpu !== null && wall > 0) {
    process.stderr.write(`with-busy-core: the busy program used ${cpu.toFixed(1)} s of CPU in ${wall.toFixed(1)} s (${Math.round((cpu / wall) * 100)} % of a core)\n`);
  }
  process.exit(code ?? 128 + (constants.signals[signal] ?? 0));
});
