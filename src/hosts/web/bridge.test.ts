import type { Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { ServerFrame } from '../../shared/api';
import { NO_FRAME_ID } from '../../shared/bridge';
import type { RunEvent } from '../../shared/results';
import { fromWire } from '../../shared/timeline-wire';
import { NOT_A_FRAME, tooManyCalls } from './bridge';
import { CLOSE, type HostLimits } from './limits';
import { startWebHost, type WebHost } from './server';
import { clientFrame, fakeService, rawBridge, sleep, tempRenderer, until, type FakeService } from './testing';

const cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

async function hostWith(limits: Partial<HostLimits> = {}): Promise<{ host: WebHost; service: FakeService }> {
  const renderer = tempRenderer();
  const service = fakeService();
  const host = await startWebHost({ service, rendererDir: renderer.dir, limits });
  cleanup.push(renderer.remove, () => host.close());
  return { host, service };
}

/** A page's socket that records every frame it is sent. */
async function page(host: WebHost): Promise<{ ws: WebSocket; frames: ServerFrame[]; closed: Promise<{ code: number; reason: string }> }> {
  const ws = new WebSocket(`ws://127.0.0.1:${host.port}/bridge?token=${host.token}`, { origin: `http://127.0.0.1:${host.port}` });
  const frames: ServerFrame[] = [];
  ws.on('message', (data) => frames.push(JSON.parse(data.toString()) as ServerFrame));
  const closed = new Promise<{ code: number; reason: string }>((resolve) => ws.on('close', (code, reason) => resolve({ code, reason: reason.toString() })));
  ws.on('error', () => {});
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('unexpected-response', () => reject(new Error('refused')));
  });
  cleanup.push(() => ws.terminate());
  return { ws, frames, closed };
}

const replies = (frames: ServerFrame[]) => frames.flatMap((f) => ('reply' in f ? [f] : []));

describe('frames the bridge cannot use', () => {
  it('answers each with one sentence, addressed to its id when it has one', async () => {
    const { host, service } = await hostWith();
    const { ws, frames } = await page(host);
    const texts = ['not json', '[]', '{"id":"x","call":"getMachine"}', '{"id":1e400,"call":"getMachine"}', '{"id":7,"call":{}}', '{"__proto__":{"id":8,"call":"getMachine"}}', '\u0000\u0001'];
    for (const text of texts) ws.send(text);
    ws.send(Buffer.from('{"id":9,"call":"getMachine"}'));
    expect(await until(() => frames.length === texts.length + 1, 2000)).toBe(true);
    const ids = replies(frames).map((f) => f.id);
    expect(ids).toEqual([NO_FRAME_ID, NO_FRAME_ID, NO_FRAME_ID, NO_FRAME_ID, 7, NO_FRAME_ID, NO_FRAME_ID, NO_FRAME_ID]);
    for (const frame of replies(frames)) expect(frame.reply).toEqual({ ok: false, error: NOT_A_FRAME });
    expect(service.calls).toEqual([]);
  });

  it('drops a "__proto__" key written in the frame text, never copying it onto the call', async () => {
    const { host, service } = await hostWith();
    const { ws, frames } = await page(host);
    // Written by hand: an object literal with __proto__ sets the prototype and never sends the key.
    ws.send('{"id":3,"call":"listExperiments","__proto__":{"input":{"polluted":true}}}');
    ws.send('{"id":4,"call":"startRun","input":{"__proto__":{"experiment":"cpu-bound"}}}');
    expect(await until(() => frames.length === 2, 2000)).toBe(true);
    expect(replies(frames).map((f) => [f.id, f.reply.ok])).toEqual([
      [3, true],
      [4, true],
    ]);
    expect(service.calls[0]?.input).toBeUndefined();
    const input = service.calls[1]?.input as Record<string, unknown>;
    // Only an own key, as JSON.parse makes it: nothing reached a prototype.
    expect(Object.getPrototypeOf(input)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>)['experiment']).toBeUndefined();
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });
});

describe('limits', () => {
  it('refuses calls past the cap in flight, each with its id and a sentence', async () => {
    const { host, service } = await hostWith({ maxCallsInFlight: 5 });
    const { ws, frames } = await page(host);
    service.hold = true;
    for (let id = 1; id <= 12; id++) ws.send(JSON.stringify({ id, call: 'getMachine' }));
    expect(await until(() => frames.length === 7, 2000)).toBe(true);
    expect(replies(frames).map((f) => f.id)).toEqual([6, 7, 8, 9, 10, 11, 12]);
    for (const frame of replies(frames)) expect(frame.reply).toEqual({ ok: false, error: tooManyCalls(5) });
    service.release();
    expect(await until(() => frames.length === 12, 2000)).toBe(true);
    expect(replies(frames).slice(7).every((f) => f.reply.ok)).toBe(true);
    // Replied calls free their places.
    service.hold = false;
    ws.send(JSON.stringify({ id: 13, call: 'getMachine' }));
    expect(await until(() => frames.length === 13, 2000)).toBe(true);
    expect(replies(frames)[12]?.reply.ok).toBe(true);
  });

  it('closes a page past the cap with a reason, and lets one in once another leaves', async () => {
    const { host, service } = await hostWith({ maxPages: 2 });
    const first = await page(host);
    await page(host);
    const third = await page(host);
    expect(await third.closed).toEqual({ code: CLOSE.tooManyPages.code, reason: CLOSE.tooManyPages.reason(2) });
    expect(service.sinks.size).toBe(2);
    first.ws.close();
    await first.closed;
    expect(await until(() => host.pages() === 1, 2000)).toBe(true);
    const fourth = await page(host);
    fourth.ws.send('{"id":1,"call":"getMachine"}');
    expect(await until(() => fourth.frames.length === 1, 2000)).toBe(true);
  });

  it('sends timeline batches packed, which the page reads back as they were, and other events as they are', async () => {
    const { host, service } = await hostWith();
    const reader = await page(host);
    expect(await until(() => service.sinks.size === 1, 2000)).toBe(true);
    const sink = [...service.sinks.values()][0] as (event: string, payload: unknown) => void;
    const batch: RunEvent = { type: 'timeline', runId: 'r', stepId: 'threads', step: 'threads', mode: 'threads', segments: [{ worker: 2, state: 'waiting', start: 0.5, end: 10.25 }] };
    sink('run', batch);
    sink('run', { type: 'run-cancelled', runId: 'r' });
    expect(await until(() => reader.frames.length === 2, 2000)).toBe(true);
    const [packed, plain] = reader.frames as unknown as [{ payload: unknown }, { payload: unknown }];
    expect(packed.payload).toEqual({ type: 'timeline', runId: 'r', stepId: 'threads', step: 'threads', mode: 'threads', packed: [2, 2, 0.5, 10.25] });
    expect(fromWire(packed.payload)).toEqual(batch);
    expect(plain.payload).toEqual({ type: 'run-cancelled', runId: 'r' });
  });

  it('closes a page that stops reading before it holds more than the limit, not one that reads', async () => {
    const limit = 2 * 1024 * 1024;
    const MAX_PUSHED = 64 * 1024 * 1024;
    const { host, service } = await hostWith({ maxBufferedBytes: limit });
    const reader = await page(host);
    const stalled: Socket = await rawBridge(host.port, host.token);
    stalled.on('error', () => {});
    stalled.pause();
    cleanup.push(() => void stalled.destroy());
    expect(await until(() => service.sinks.size === 2, 2000)).toBe(true);
    const [readerClient, stalledClient] = [...service.sinks.keys()] as [string, string];
    const payload = { t: 0, loads: Array.from({ length: 8000 }, () => 12.5) };
    let pushed = 0;
    // Events at a steady pace, as a run streams them; a reading page keeps up.
    while (!service.detached.includes(stalledClient) && pushed < MAX_PUSHED) {
      for (const sink of service.sinks.values()) sink('cores', payload as never);
      pushed += JSON.stringify(payload).length;
      await sleep(1);
    }
    // Without the limit the loop would run to its end: loopback's kernel buffers hold a few MB.
    expect(service.detached).toContain(stalledClient);
    expect(pushed).toBeLessThan(MAX_PUSHED);
    expect(service.detached).not.toContain(readerClient);
    expect(reader.ws.readyState).toBe(WebSocket.OPEN);
  });

  it('drops a page that answers no ping, keeps one that does', async () => {
    const { host, service } = await hostWith({ heartbeatMs: 100 });
    const alive = await page(host);
    const silent = await rawBridge(host.port, host.token);
    silent.on('error', () => {});
    silent.on('data', () => {}); // Reads the pings, never answers them.
    cleanup.push(() => void silent.destroy());
    expect(await until(() => service.sinks.size === 2, 2000)).toBe(true);
    expect(await until(() => service.detached.length === 1, 3000)).toBe(true);
    await sleep(500);
    expect(service.detached.length).toBe(1);
    expect(alive.ws.readyState).toBe(WebSocket.OPEN);
  });
});

describe('a run outlives its last page by the grace period only', () => {
  const cancels = (service: FakeService) => service.calls.filter((c) => c.name === 'cancelRun');

  it('cancels the run once the last page has been gone for the grace period', async () => {
    const { host, service } = await hostWith({ detachGraceMs: 300 });
    const first = await page(host);
    const second = await page(host);
    first.ws.close();
    await sleep(600);
    expect(cancels(service)).toEqual([]);
    second.ws.close();
    expect(await until(() => cancels(service).length === 1, 3000)).toBe(true);
    expect(cancels(service)[0]?.client).toBe('web-host');
  });

  it('keeps the run when the page comes back within the grace period (a reload)', async () => {
    const { host, service } = await hostWith({ detachGraceMs: 300 });
    const before = await page(host);
    before.ws.close();
    await before.closed;
    await page(host);
    await sleep(900);
    expect(cancels(service)).toEqual([]);
  });

  it('cancels too when the page vanishes without a close (a reset socket)', async () => {
    const { host, service } = await hostWith({ detachGraceMs: 200 });
    const socket = await rawBridge(host.port, host.token);
    socket.on('error', () => {});
    socket.write(clientFrame('{"id":1,"call":"getMachine"}'));
    expect(await until(() => service.calls.length === 1, 2000)).toBe(true);
    socket.resetAndDestroy();
    expect(await until(() => cancels(service).length === 1, 3000)).toBe(true);
  });
});
