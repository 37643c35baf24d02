/**
 * Hostile and random input through the browser edition's socket, at thousands of calls a second:
 * the host must answer every well-formed frame, survive the rest, and leave no worker behind.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtEntries } from '../src/engine/entries';
import { CALL_NAMES } from '../src/shared/api';
import { BridgeClient, startHost, type Host } from './bridge-client';
import { OUT_MAIN } from './build-state';
import { processesRunning, waitUntil } from './processes';

let host: Host;
beforeAll(async () => {
  host = await startHost();
});
afterAll(async () => {
  await host.stop();
});

/** A small deterministic generator, so a failure can be replayed. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

function hostileValue(next: () => number, depth = 0): unknown {
  const pick = Math.floor(next() * 14);
  switch (pick) {
    case 0: return null;
    case 1: return -1e308;
    case 2: return 1e308;
    case 3: return 'x'.repeat(Math.floor(next() * 20_000));
    case 4: return Number.MAX_SAFE_INTEGER;
    case 5: return -0.000001;
    case 6: return true;
    case 7: return [];
    case 8: return { __proto__: { polluted: true }, constructor: { prototype: { x: 1 } } };
    case 9: return depth < 3 ? { experiment: hostileValue(next, depth + 1), workers: hostileValue(next, depth + 1), seconds: hostileValue(next, depth + 1), switchMs: hostileValue(next, depth + 1) } : {};
    case 10: return { experiment: 'cpu-bound', workers: Math.floor(next() * 1e6) - 5e5, seconds: next() * 100 - 50, switchMs: next() * 1000 };
    case 11: return '<script>alert(1)</script>';
    case 12: return { hz: next() * 100 };
    default: return depth < 3 ? [hostileValue(next, depth + 1), hostileValue(next, depth + 1)] : 0;
  }
}

describe('the bridge under hostile fire', () => {
  it('answers thousands of random calls with sentences and keeps working', async () => {
    const client = await BridgeClient.open(host);
    const next = random(42);
    const names = [...CALL_NAMES, 'constructor', '__proto__', 'toString', 'eval', '', 'x'.repeat(5000)];
    const started = Date.now();
    const replies = await Promise.all(
      Array.from({ length: 3000 }, () => {
        const name = names[Math.floor(next() * names.length)] as string;
        // Never let the fuzz start real long runs: startRun gets hostile input only.
        return client.call(name === 'startRun' && next() < 0.5 ? 'startRun' : name === 'startRun' ? 'cancelRun' : name, hostileValue(next));
      }),
    );
    expect(Date.now() - started).toBeLessThan(60_000);
    for (const frame of replies) {
      expect('reply' in frame).toBe(true);
      if ('reply' in frame && !frame.reply.ok) {
        expect(typeof frame.reply.error).toBe('string');
        expect(frame.reply.error.length).toBeLessThan(400);
      }
    }
    // Garbage frames: each gets a sentence, none closes the host.
    for (const text of ['not json', '{"id":"x"}', '[]', '{"id":1e400,"call":"getMachine"}', '\u0000\u0001', '{"id":1,"call":{}}']) client.raw(text);
    const machine = await client.call('getMachine');
    expect('reply' in machine && machine.reply.ok).toBe(true);
    await client.call('cancelRun');
    client.close();
    expect(await waitUntil(() => processesRunning(builtEntries(OUT_MAIN).process).length === 0, 5000)).toBe(true);
  });

  it('an oversized frame closes only that socket; a new page connects and works', async () => {
    const big = await BridgeClient.open(host);
    const closed = new Promise<number>((resolve) => big.ws.once('close', (code) => resolve(code)));
    big.raw(JSON.stringify({ id: 1, call: 'getMachine', input: 'y'.repeat(200_000) }));
    expect(await closed).toBe(1009);
    const fresh = await BridgeClient.open(host);
    const reply = await fresh.call('listExperiments');
    expect('reply' in reply && reply.reply.ok).toBe(true);
    fresh.close();
    expect(host.child.exitCode).toBeNull();
  });
});
