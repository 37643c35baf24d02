/**
 * What a step does with a worker that misbehaves: the workers here are real threads running small
 * scripts written by the test, saying what the lab's own workers never should.
 */
import { switchInterval } from '../shared/units';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { OUT_MAIN } from '../../test/build-state';
import { builtEntries } from './entries';
import type { StepPlan } from './step-plan';
import { runStep } from './step-runner';

const dir = mkdtempSync(join(tmpdir(), 'gil-lab-step-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let scripts = 0;
/** A thread entry that says ready, then `after` (JavaScript with `port` in scope), then stays alive. */
function thread(after: string): string {
  const path = join(dir, `thread-${++scripts}.cjs`);
  writeFileSync(path, `const port = require('node:worker_threads').parentPort;\nport.postMessage({ type: 'ready' });\n${after}\nsetInterval(() => {}, 1000);\n`);
  return path;
}

function plan(entry: string, offload?: StepPlan['offload']): StepPlan {
  return {
    workers: [{ host: 'thread', gil: 'shared', tasks: [{ kind: 'pipeline', items: 1, fetchMs: 1, storeMs: 1, cpuIterations: 10, offload: true }] }],
    switchInterval: switchInterval(5),
    chunkIterations: 1000,
    entries: { ...builtEntries(OUT_MAIN), thread: entry },
    signal: new AbortController().signal,
    onSegments: () => {},
    ...(offload ? { offload } : {}),
  };
}

describe('runStep with a misbehaving worker', () => {
  it('stops with a sentence when a thread asks for a result in a slot that is not its own', async () => {
    let offloaded = 0;
    const step = runStep(plan(thread(`port.postMessage({ type: 'submit', slot: 99, iterations: 10 });`), async () => void offloaded++));
    await expect(step).rejects.toThrow('worker 1 asked for a result in a slot that is not its own');
    expect(offloaded).toBe(0);
  });

  it('stops with a sentence when a thread sends what the lab does not understand', async () => {
    await expect(runStep(plan(thread(`port.postMessage({ type: 'submit', slot: -1, iterations: 'many' });`)))).rejects.toThrow(
      'worker 1 sent a message the lab does not understand',
    );
  });

  it('stops with the pool failure when the offloaded work fails, without an unhandled rejection', async () => {
    const failing = async (): Promise<void> => {
      throw new Error('pool worker 1 (a process) exited with code 1');
    };
    await expect(runStep(plan(thread(`port.postMessage({ type: 'submit', slot: 0, iterations: 10 });`), failing))).rejects.toThrow(
      'pool worker 1 (a process) exited with code 1',
    );
  });
});
