/** Runs the built CLI and returns what it printed. */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { OUT_MAIN } from './build-state';

export interface CliOutcome {
  code: number | null;
  stdout: string;
  stderr: string;
}

export const CLI = join(OUT_MAIN, 'cli.js');

export function runCli(args: string[], timeoutMs = 120_000): Promise<CliOutcome> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`cli ${args.join(' ')} took longer than ${timeoutMs} ms`));
    }, timeoutMs);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}
