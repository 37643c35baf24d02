/**
 * Hostile and random input through the browser edition's socket, beside a real run: the host must
 * answer every frame with a result or a sentence, garbage included, survive a flood, and leave no
 * worker behind.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtEntries } from '../src/engine/entries';
import { NOT_A_FRAME, tooManyCalls } from '../src/hosts/web/bridge';
import { HOST_LIMITS } from '../src/hosts/web/limits';
import { CALL_NAMES, type ServerFrame } from '../src/shared/api';
import { NO_FRAME_ID } from '../src/shared/bridge';
import type { RunEvent } from '../src/shared/results';
import { BridgeClient, startHost, type Host } from './bridge-client';
import { OUT_MAIN } from './build-state';
import { processesRunning, waitUntil } from './processes';

const WORKER_PROCESS = builtEntries(OUT_MAIN).process;

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
  const pick = Math.floor(next() * 13);
  switch (pick) {
    case 0: return null;
    case 1: return -1e308;
    case 2: return 1e308;
    case 3: return 'x'.repeat(Math.floor(next() * 20_000));
    case 4: return Number.MAX_SAFE_INTEGER;
    case 5: return -0.000001;
    case 6: return true;
    case 7: return [];
    case 8: return depth < 3 ? { experiment: hostileValue(next, depth + 1), workers: hostileValue(next, depth + 1), seconds: hostileValue(next, depth + 1), switchMs: hostileValue(next, depth + 1) } : {};
    case 9: return { experiment: 'cpu-bound', workers: Math.floor(next() * 1e6) - 5e5, seconds: next() * 100 - 50, switchMs: next() * 1000 };
    case 10: return '<script>alert(1)</script>';
    case 11: return { hz: next() * 100 };
    default: return depth < 3 ? [hostileValue(next, depth + 1), hostileValue(next, depth + 1)] : 0;
  }
}

const isReply = (frame: ServerFrame): frame is Extract<ServerFrame, { reply: unknown }> => 'reply' in frame;
const errorOf = (frame: ServerFrame): string | undefined => (isReply(frame) && !frame.reply.ok ? frame.reply.error : undefined);

function runEnded(client: BridgeClient, runId: string): boolean {
  return client.events.some((f) => 'event' in f && f.event === 'run' && (f.payload as RunEvent).runId === runId && /run-(finished|cancelled|failed)/.test((f.payload as RunEvent).type));
}

describe('the bridge under hostile fire', () => {
  it('answers thousands of random calls with sentences beside a real run, and leaves no worker', async () => {
    const client = await BridgeClient.open(host);
    // A real run, so the orphan check at the end has workers it could find.
    const start = await client.call('startRun', { experiment: 'cpu-bound', workers: 2, seconds: 2, switchMs: 5, modes: ['processes'] });
    expect(isReply(start) && start.reply.ok).toBe(true);
    const { runId } = (start as { reply: { value: { runId: string } } }).reply.value;
    expect(await waitUntil(() => processesRunning(WORKER_PROCESS).length > 0, 60_000)).toBe(true);

    const next = random(42);
    // No cancelRun: the run above must live through the fuzz.
    const names = [...CALL_NAMES.filter((n) => n !== 'cancelRun'), 'constructor', '__proto__', 'toString', 'eval', '', 'x'.repeat(5000)];
    const started = Date.now();
    const replies: ServerFrame[] = [];
    // Waves smaller than the cap in flight, so every call reaches the service.
    for (let wave = 0; wave < 100; wave++) {
      const batch = Array.from({ length: 30 }, () => client.call(names[Math.floor(next() * names.length)] as string, hostileValue(next)));
      replies.push(...(await Promise.all(batch)));
    }
    expect(Date.now() - started).toBeLessThan(120_000);
    expect(replies.length).toBe(3000);
    for (const frame of replies) {
      expect(isReply(frame)).toBe(true);
      const error = errorOf(frame);
      if (error !== undefined) {
        expect(error.length).toBeGreaterThan(10);
        expect(error.length).toBeLessThan(400);
        expect(error).not.toBe(tooManyCalls(HOST_LIMITS.maxCallsInFlight));
      }
    }
    expect(await waitUntil(() => runEnded(client, runId), 90_000)).toBe(true);
    client.close();
    expect(await waitUntil(() => processesRunning(WORKER_PROCESS).length === 0, 10_000)).toBe(true);
  });

  it('answers each garbage frame with its sentence, and keeps working', async () => {
    const client = await BridgeClient.open(host);
    const garbage = ['not json', '[]', '{"id":"x"}', '{"id":1e400,"call":"getMachine"}', '\u0000\u0001', '{"__proto__":{"id":5,"call":"getMachine"}}', '{"id":1.5,"call":"getMachine"}'];
    for (const text of garbage) client.raw(text);
    client.ws.send(Buffer.from('{"id":6,"call":"getMachine"}'));
    expect(await waitUntil(() => client.strayReplies.length === garbage.length + 1, 10_000)).toBe(true);
    for (const frame of client.strayReplies) expect(frame).toEqual({ id: NO_FRAME_ID, reply: { ok: false, error: NOT_A_FRAME } });
    // A frame with an id but no usable call is refused under that id, so the page's call does not hang.
    expect(await client.rawCall(700, '{"id":700,"call":{"x":1}}')).toEqual({ id: 700, reply: { ok: false, error: NOT_A_FRAME } });
    expect(errorOf(await client.rawCall(701, '{"id":701,"call":"no-such-call"}'))).toMatch(/unknown call/);
    const machine = await client.call('getMachine');
    expect(isReply(machine) && machine.reply.ok).toBe(true);
    client.close();
  });

  it('reads "__proto__" in the frame text as a plain key, never as a prototype', async () => {
    const client = await BridgeClient.open(host);
    // Written by hand: an object literal's __proto__ sets its prototype and is never sent.
    const valid = '"experiment":"io-bound","workers":2,"seconds":0.1,"switchMs":5';
    expect(errorOf(await client.rawCall(801, `{"id":801,"call":"startRun","input":{"__proto__":{"modes":["threads"]},${valid}}}`))).toMatch(/__proto__/);
    // Inherited fields are not read: the schema sees no hz at all.
    expect(errorOf(await client.rawCall(802, '{"id":802,"call":"watchCores","input":{"__proto__":{"hz":4}}}'))).toMatch(/hz|sampling rate|__proto__/);
    // At the envelope, an unknown key is dropped, not merged into the call.
    const listed = await client.rawCall(803, '{"id":803,"call":"listExperiments","__proto__":{"input":{"x":1}}}');
    expect(isReply(listed) && listed.reply.ok).toBe(true);
    // Had "__proto__" become a prototype, the schema would read an inherited theme and save it.
    const nested = await client.rawCall(804, '{"id":804,"call":"savePreferences","input":{"__proto__":{"theme":"light"},"constructor":{"prototype":{"theme":"light"}}}}');
    expect(isReply(nested)).toBe(true);
    const prefs = await client.call('loadPreferences');
    expect(isReply(prefs) && prefs.reply.ok && (prefs.reply.value as { theme?: string }).theme).not.toBe('light');
    // The host still runs a real run.
    const run = await client.rawCall(805, `{"id":805,"call":"startRun","input":{${valid}}}`);
    expect(isReply(run) && run.reply.ok).toBe(true);
    const { runId } = (run as { reply: { value: { runId: string } } }).reply.value;
    expect(await waitUntil(() => runEnded(client, runId), 60_000)).toBe(true);
    client.close();
  });

  it('refuses a flood past the cap in flight with its sentence, answering every call', async () => {
    const client = await BridgeClient.open(host);
    const flood = await Promise.all(Array.from({ length: 300 }, () => client.call('getMachine')));
    expect(flood.every(isReply)).toBe(true);
    const refused = flood.filter((f) => errorOf(f) !== undefined);
    expect(refused.length).toBeGreaterThan(0);
    for (const frame of refused) expect(errorOf(frame)).toBe(tooManyCalls(HOST_LIMITS.maxCallsInFlight));
    expect(flood.length - refused.length).toBeGreaterThanOrEqual(HOST_LIMITS.maxCallsInFlight);
    client.close();
  });

  it('an oversized frame closes only that socket; a new page connects and works', async () => {
    const big = await BridgeClient.open(host);
    const closed = new Promise<number>((resolve) => big.ws.once('close', (code) => resolve(code)));
    big.raw(JSON.stringify({ id: 1, call: 'getMachine', input: 'y'.repeat(200_000) }));
    expect(await closed).toBe(1009);
    const fresh = await BridgeClient.open(host);
    const reply = await fresh.call('listExperiments');
    expect(isReply(reply) && reply.reply.ok).toBe(true);
    fresh.close();
    expect(host.child.exitCode).toBeNull();
    expect(await waitUntil(() => processesRunning(WORKER_PROCESS).length === 0, 10_000)).toBe(true);
  });
});
