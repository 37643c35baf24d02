/**
 * Soak: 200 runs back to back through the browser edition's host, mixed lessons, every fourth one
 * cancelled in the middle. Afterwards no worker process or thread is left, and the host's memory
 * is within 20 % of where it stood once warmed up.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtEntries } from '../src/engine/entries';
import type { RunEvent } from '../src/shared/results';
import { BridgeClient, processStatus, startHost, type Host } from './bridge-client';
import { OUT_MAIN } from './build-state';
import { processesRunning, waitUntil } from './processes';

const RUNS = 200;
const WARM_UP = 20;
const MIX = [
  { experiment: 'io-bound', workers: 2, seconds: 0.05, switchMs: 5, modes: ['threads'] },
  { experiment: 'cpu-bound', workers: 2, seconds: 0.05, switchMs: 5, modes: ['threads', 'processes'] },
  { experiment: 'lost-update', workers: 2, seconds: 0.05, switchMs: 5 },
  { experiment: 'native-release', workers: 2, seconds: 0.05, switchMs: 1, modes: ['native'] },
  { experiment: 'convoy', workers: 1, seconds: 0.1, switchMs: 5 },
];

let host: Host;
beforeAll(async () => {
  host = await startHost();
});
afterAll(async () => {
  await host.stop();
});

function ended(client: BridgeClient, runId: string): Promise<RunEvent['type']> {
  return new Promise((resolve) => {
    const check = setInterval(() => {
      for (const frame of client.events) {
        if (!('event' in frame) || frame.event !== 'run') continue;
        const event = frame.payload as RunEvent;
        if (event.runId === runId && (event.type === 'run-finished' || event.type === 'run-cancelled' || event.type === 'run-failed')) {
          clearInterval(check);
          client.events.length = 0;
          resolve(event.type);
        }
      }
    }, 10);
  });
}

describe('soak', () => {
  it(`${RUNS} runs leave nothing behind and memory flat`, async () => {
    const status = processStatus(host.child.pid as number);
    if (!status) return; // Only where /proc tells threads and memory.
    const client = await BridgeClient.open(host);
    const baseThreads = status.threads;
    let warmRss = 0;
    const outcomes: Record<string, number> = {};
    for (let i = 0; i < RUNS; i++) {
      const reply = await client.call('startRun', MIX[i % MIX.length]);
      if (!('reply' in reply) || !reply.reply.ok) throw new Error(`run ${i} refused: ${JSON.stringify(reply)}`);
      const { runId } = reply.reply.value as { runId: string };
      const end = ended(client, runId);
      if (i % 4 === 3) {
        await new Promise((resolve) => setTimeout(resolve, 30 + (i % 7) * 20));
        await client.call('cancelRun');
      }
      const how = await end;
      outcomes[how] = (outcomes[how] ?? 0) + 1;
      if (i === WARM_UP) warmRss = processStatus(host.child.pid as number)?.rssKb ?? 0;
    }
    client.close();
    expect(outcomes['run-failed'] ?? 0).toBe(0);
    expect((outcomes['run-finished'] ?? 0) + (outcomes['run-cancelled'] ?? 0)).toBe(RUNS);
    expect(await waitUntil(() => processesRunning(builtEntries(OUT_MAIN).process).length === 0, 3000)).toBe(true);
    // Worker threads end with their runs; the sampler thread stops when nobody watches.
    expect(await waitUntil(() => (processStatus(host.child.pid as number)?.threads ?? 0) <= baseThreads, 5000)).toBe(true);
    const finalRss = processStatus(host.child.pid as number)?.rssKb ?? 0;
    expect(finalRss).toBeLessThanOrEqual(warmRss * 1.2);
  }, 600_000);
});
