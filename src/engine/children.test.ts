/** The registry of child processes: what it tracks, what it kills, and what it must never signal. */
import { fork, spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { killAllChildren, liveChildCount, trackChild } from './children';

const sleeper = (): ChildProcess => spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60_000)'], { stdio: 'ignore' });

afterEach(() => {
  killAllChildren();
  vi.restoreAllMocks();
});

describe('children', () => {
  it('tracks a child until it exits', async () => {
    const child = sleeper();
    trackChild(child);
    expect(liveChildCount()).toBe(1);
    child.kill('SIGTERM');
    await once(child, 'exit');
    expect(liveChildCount()).toBe(0);
  });

  it('kills every live child with SIGKILL and forgets them', async () => {
    const children = [sleeper(), sleeper()];
    children.forEach(trackChild);
    const exits = children.map((c) => once(c, 'exit'));
    expect(liveChildCount()).toBe(2);
    killAllChildren();
    expect(liveChildCount()).toBe(0);
    expect((await Promise.all(exits)).map(([, signal]) => signal)).toEqual(['SIGKILL', 'SIGKILL']);
  });

  it('forgets a fork that never started (no exit event ever comes)', async () => {
    const child = fork(__filename, [], { execPath: '/nonexistent/gil-lab-node', stdio: ['ignore', 'ignore', 'ignore', 'ipc'] });
    child.on('error', () => {});
    trackChild(child);
    await new Promise((resolve) => child.once('close', resolve));
    expect(child.pid).toBeUndefined();
    expect(liveChildCount()).toBe(0);
  });

  it('never signals a child without a pid (kill() would reach pid 0: our own process group)', () => {
    const child = fork(__filename, [], { execPath: '/nonexistent/gil-lab-node', stdio: ['ignore', 'ignore', 'ignore', 'ipc'] });
    child.on('error', () => {});
    // The same tick as the failed spawn: Node has not yet marked the child as exited.
    const kill = vi.spyOn(child, 'kill').mockReturnValue(false);
    trackChild(child);
    killAllChildren();
    expect(kill).not.toHaveBeenCalled();
    expect(liveChildCount()).toBe(0);
  });

  it('hooks the host exit once, however many children it tracks', async () => {
    const children = [sleeper(), sleeper(), sleeper()];
    trackChild(children[0] as ChildProcess);
    const hooks = process.listenerCount('exit');
    children.slice(1).forEach(trackChild);
    expect(process.listenerCount('exit')).toBe(hooks);
  });
});
