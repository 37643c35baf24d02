/**
 * Soak: 200 runs back to back through the browser edition's host, mixed lessons (the pool lessons
 * among them), every fourth one cancelled while a step runs. Every cancel is answered within half
 * a second and cancels its run; the others finish. Afterwards no worker process or thread is left,
 * and the host's memory is within 20 % of where it stood once warmed up.
 */
import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtEntries } from '../src/engine/entries';
import type { RunEvent } from '../src/shared/results';
import { BridgeClient, processStatus, startHost, type Host } from './bridge-client';
import { OUT_MAIN } from './build-state';
import { processesRunning, waitUntil } from './processes';

const RUNS = 200;
const WARM_UP = 20;
const CANCEL_EVERY = 4;
/** What the issue promises of a cancel; measured here at the client, bridge included. */
const CANCEL_LIMIT_MS = 500;
const MIX = [
  { experiment: 'io-bound', workers: 2, seconds: 0.05, switchMs: 5, modes: ['threads'] },
  { experiment: 'cpu-bound', workers: 2, seconds: 0.05, switchMs: 5, modes: ['threads', 'processes'] },
  { experiment: 'lost-update', workers: 2, seconds: 0.05, switchMs: 5 },
  { experiment: 'native-release', workers: 2, seconds: 0.05, switchMs: 1, modes: ['native'] },
  { experiment: 'convoy', workers: 1, seconds: 0.1, switchMs: 5 },
  { experiment: 'process-cost', workers: 2, seconds: 0.05, switchMs: 5 },
  { experiment: 'hybrid', workers: 2, seconds: 0.05, switchMs: 5, modes: ['hybrid'] },
];
/** A run to be cancelled is made long enough that it cannot finish before its cancel. */
const LONG_SECONDS = 10;

/** The host's threads and memory come from /proc; elsewhere this test cannot judge either. */
const HAS_PROC = existsSync('/proc/self/status');

let host: Host | undefined;
beforeAll(async () => {
  if (HAS_PROC) host = await startHost();
});
afterAll(async () => {
  await host?.stop();
});

/** Resolves with the first run event of `runId` that `wanted` accepts (polled, as the page would see them). */
function runEvent(client: BridgeClient, runId: string, wanted: (event: RunEvent) => boolean): Promise<RunEvent> {
  return new Promise((resolve) => {
    const check = setInterval(() => {
      for (const frame of client.events) {
        if (!('event' in frame) || frame.event !== 'run') continue;
        const event = frame.payload as RunEvent;
        if (event.runId === runId && wanted(event)) {
          clearInterval(check);
          resolve(event);
          return;
        }
      }
    }, 5);
  });
}

const isEnd = (event: RunEvent): boolean => event.type === 'run-finished' || event.type === 'run-cancelled' || event.type === 'run-failed';

describe('soak', () => {
  it(`${RUNS} runs, every ${CANCEL_EVERY}th cancelled mid-step, leave nothing behind and memory flat`, async (ctx) => {
    if (!HAS_PROC || !host) return ctx.skip('needs /proc to count the host process threads and memory');
    const pid = host.child.pid as number;
    const client = await BridgeClient.open(host);
    const baseThreads = processStatus(pid)?.threads ?? 0;
    let warmRss = 0;
    const outcomes: Record<string, number> = {};
    const cancelMs: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const cancel = i % CANCEL_EVERY === CANCEL_EVERY - 1;
      const request = MIX[i % MIX.length] as (typeof MIX)[number];
      const reply = await client.call('startRun', cancel ? { ...request, seconds: LONG_SECONDS } : request);
      if (!('reply' in reply) || !reply.reply.ok) throw new Error(`run ${i} refused: ${JSON.stringify(reply)}`);
      const { runId } = reply.reply.value as { runId: string };
      const end = runEvent(client, runId, isEnd);
      if (cancel) {
        await runEvent(client, runId, (event) => event.type === 'mode-started' || isEnd(event));
        // Land the cancel at different moments of the step.
        await new Promise((resolve) => setTimeout(resolve, (i % 7) * 25));
        const asked = performance.now();
        const answer = await client.call('cancelRun');
        cancelMs.push(performance.now() - asked);
        expect(answer).toMatchObject({ reply: { ok: true, value: { cancelled: true } } });
      }
      const how = (await end).type;
      client.events.length = 0;
      outcomes[how] = (outcomes[how] ?? 0) + 1;
      if (i === WARM_UP) warmRss = processStatus(pid)?.rssKb ?? 0;
    }
    client.close();
    const cancels = RUNS / CANCEL_EVERY;
    expect(outcomes).toEqual({ 'run-finished': RUNS - cancels, 'run-cancelled': cancels });
    expect(cancelMs).toHaveLength(cancels);
    const slowest = Math.max(...cancelMs);
    expect(slowest, `cancel took ${cancelMs.map((ms) => ms.toFixed(0)).join(', ')} ms`).toBeLessThanOrEqual(CANCEL_LIMIT_MS);
    expect(await waitUntil(() => processesRunning(builtEntries(OUT_MAIN).process).length === 0, 3000)).toBe(true);
    // Worker threads end with their runs; the sampler thread stops when nobody watches.
    expect(await waitUntil(() => (processStatus(pid)?.threads ?? 0) <= baseThreads, 5000)).toBe(true);
    const finalRss = processStatus(pid)?.rssKb ?? 0;
    expect(finalRss).toBeLessThanOrEqual(warmRss * 1.2);
  }, 900_000);
});
