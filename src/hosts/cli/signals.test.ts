import { afterEach, beforeEach, describe, expect, it, vi, type MockInstance } from 'vitest';
import { CANCEL_GRACE_MS, exitCodeFor, stopOnSignals, type Stopping } from './signals';

/** A run whose cancel never answers: what a stuck engine looks like to the CLI. */
const stuck = () => ({ cancel: vi.fn(() => new Promise<boolean>(() => undefined)) });

let exits: number[];
let said: string;
let stopping: Stopping | undefined;
let exitSpy: MockInstance;
let writeSpy: MockInstance;

beforeEach(() => {
  exits = [];
  said = '';
  exitSpy = vi.spyOn(process, 'exit').mockImplementation(((code?: number) => {
    exits.push(code ?? 0);
  }) as typeof process.exit);
  writeSpy = vi.spyOn(process.stderr, 'write').mockImplementation(((text: string) => {
    said += text;
    return true;
  }) as typeof process.stderr.write);
});

afterEach(() => {
  stopping?.dispose();
  stopping = undefined;
  exitSpy.mockRestore();
  writeSpy.mockRestore();
  vi.useRealTimers();
});

describe('CLI signals', () => {
  it('uses the shell convention for exit codes', () => {
    expect(exitCodeFor('SIGINT')).toBe(130);
    expect(exitCodeFor('SIGTERM')).toBe(143);
    expect(exitCodeFor('SIGHUP')).toBe(129);
  });

  it('the first Ctrl+C cancels; the second quits at once even if the cancel never answers', () => {
    const run = stuck();
    stopping = stopOnSignals(run);
    process.emit('SIGINT', 'SIGINT');
    expect(run.cancel).toHaveBeenCalledTimes(1);
    expect(exits).toEqual([]);
    expect(stopping.signal).toBe('SIGINT');
    expect(said).toMatch(/press Ctrl\+C again to quit at once/);
    process.emit('SIGINT', 'SIGINT');
    expect(exits).toEqual([130]);
    expect(said).toMatch(/stopped at once; every worker process was killed/);
    expect(run.cancel).toHaveBeenCalledTimes(1);
  });

  it('SIGHUP cancels like SIGTERM', () => {
    for (const signal of ['SIGHUP', 'SIGTERM'] as const) {
      const run = stuck();
      stopping = stopOnSignals(run);
      process.emit(signal, signal);
      expect(run.cancel).toHaveBeenCalledTimes(1);
      expect(stopping.signal).toBe(signal);
      expect(exits).toEqual([]);
      stopping.dispose();
    }
  });

  it('quits by itself when a cancel takes longer than the grace period', () => {
    vi.useFakeTimers();
    stopping = stopOnSignals(stuck());
    process.emit('SIGTERM', 'SIGTERM');
    vi.advanceTimersByTime(CANCEL_GRACE_MS - 10);
    expect(exits).toEqual([]);
    vi.advanceTimersByTime(20);
    expect(exits).toEqual([143]);
    expect(said).toMatch(/did not stop within 5 s/);
  });

  it('stops listening when disposed', () => {
    const before = process.listenerCount('SIGHUP');
    stopping = stopOnSignals(stuck());
    expect(process.listenerCount('SIGHUP')).toBe(before + 1);
    stopping.dispose();
    expect(process.listenerCount('SIGHUP')).toBe(before);
  });
});
