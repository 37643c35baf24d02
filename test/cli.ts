/** Runs the built CLI and returns what it printed, or starts it for a test to signal. */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
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

/** A CLI left running, for a test that signals it. */
export interface LiveCli {
  child: ChildProcessWithoutNullStreams;
  /** What it has printed on stderr so far. */
  stderr(): string;
  /** Resolves once stderr contains `text`; rejects if the CLI ends first or after `timeoutMs`. */
  waitFor(text: string, timeoutMs: number): Promise<void>;
  /** Resolves with the exit code and signal once the CLI has ended. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>;
  /** SIGKILLs it if a test gave up on it. */
  kill(): void;
}

export function startCli(args: string[]): LiveCli {
  const child = spawn(process.execPath, [CLI, ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  const watchers = new Set<() => void>();
  child.stdout.resume();
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
    for (const watcher of watchers) watcher();
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>((resolve) => {
    child.on('exit', (code, signal) => {
      resolve({ code, signal, at: Date.now() });
      for (const watcher of watchers) watcher();
    });
  });
  return {
    child,
    stderr: () => stderr,
    exited,
    kill: () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    },
    waitFor: (text, timeoutMs) =>
      new Promise<void>((resolve, reject) => {
        const done = (error?: Error): void => {
          watchers.delete(check);
          clearTimeout(timer);
          if (error) reject(error);
          else resolve();
        };
        const check = (): void => {
          if (stderr.includes(text)) done();
          else if (child.exitCode !== null || child.signalCode !== null) done(new Error(`the CLI ended before printing "${text}": ${stderr}`));
        };
        const timer = setTimeout(() => done(new Error(`no "${text}" within ${timeoutMs} ms: ${stderr}`)), timeoutMs);
        watchers.add(check);
        check();
      }),
  };
}
