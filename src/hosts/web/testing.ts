/**
 * For tests only (never imported by the host): a scripted LabService, a throwaway renderer folder,
 * and raw loopback clients that speak HTTP and WebSocket by hand, so a test can send exactly the
 * bytes a hostile or broken client would.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CallName, CallReply } from '../../shared/api';
import type { EventSink, LabService } from '../../engine/service';

export interface FakeService extends LabService {
  readonly calls: { name: unknown; input: unknown; client: string }[];
  readonly sinks: Map<string, EventSink>;
  readonly detached: string[];
  /** While true, calls wait until release(). */
  hold: boolean;
  release(): void;
}

/** A service that answers every call with `{ok: true, value: {echo: name}}`. */
export function fakeService(): FakeService {
  const waiting: (() => void)[] = [];
  const service: FakeService = {
    calls: [],
    sinks: new Map(),
    detached: [],
    hold: false,
    release: () => {
      for (const go of waiting.splice(0)) go();
    },
    async call(name, input, client) {
      service.calls.push({ name, input, client });
      if (service.hold) await new Promise<void>((resolve) => waiting.push(resolve));
      return { ok: true, value: { echo: String(name) } } as unknown as CallReply<CallName>;
    },
    attach(client, sink) {
      service.sinks.set(client, sink);
    },
    detach(client) {
      service.sinks.delete(client);
      service.detached.push(client);
    },
  };
  return service;
}

/** A renderer folder with an index page and one asset; `remove()` deletes it. */
export function tempRenderer(): { dir: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'gil-lab-renderer-'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>GIL Lab</title>');
  mkdirSync(join(dir, 'assets'));
  writeFileSync(join(dir, 'assets', 'app.js'), 'console.log(1)');
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Sends raw bytes, then collects what comes back until the host closes or `ms` passes. */
export function rawExchange(port: number, bytes: string | Buffer, ms = 2000): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    let text = '';
    const done = (): void => {
      clearTimeout(timer);
      socket.destroy();
      resolve(text);
    };
    const timer = setTimeout(done, ms);
    socket.on('data', (chunk: Buffer) => (text += chunk.toString('latin1')));
    socket.on('error', done);
    socket.on('close', done);
    socket.write(bytes);
  });
}

/** The request that opens the bridge, with any header replaced or added. */
export function upgradeRequest(port: number, path: string, headers: Record<string, string> = {}): string {
  const all: Record<string, string> = {
    Host: `127.0.0.1:${port}`,
    Origin: `http://127.0.0.1:${port}`,
    Upgrade: 'websocket',
    Connection: 'Upgrade',
    'Sec-WebSocket-Key': randomBytes(16).toString('base64'),
    'Sec-WebSocket-Version': '13',
    ...headers,
  };
  return `GET ${path} HTTP/1.1\r\n${Object.entries(all).map(([k, v]) => `${k}: ${v}\r\n`).join('')}\r\n`;
}

/** A bridge socket opened by hand: it answers no ping and reads only when the test says so. */
export function rawBridge(port: number, token: string): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let head = '';
    const onData = (chunk: Buffer): void => {
      head += chunk.toString('latin1');
      if (!head.includes('\r\n\r\n')) return;
      socket.off('data', onData);
      if (head.startsWith('HTTP/1.1 101')) resolve(socket);
      else reject(new Error(`upgrade refused: ${head.split('\r\n')[0]}`));
    };
    socket.on('data', onData);
    socket.on('error', reject);
    socket.write(upgradeRequest(port, `/bridge?token=${token}`));
  });
}

/** One masked client frame (opcode 1 text, 2 binary, 8 close, 9 ping), as RFC 6455 says. */
export function clientFrame(payload: string | Buffer, opcode = 1): Buffer {
  const body = typeof payload === 'string' ? Buffer.from(payload) : payload;
  const mask = randomBytes(4);
  const length = body.length;
  const header = length < 126 ? Buffer.from([0x80 | opcode, 0x80 | length]) : length < 65536 ? Buffer.alloc(4) : Buffer.alloc(10);
  if (length >= 126 && length < 65536) {
    header[0] = 0x80 | opcode;
    header[1] = 0x80 | 126;
    header.writeUInt16BE(length, 2);
  } else if (length >= 65536) {
    header[0] = 0x80 | opcode;
    header[1] = 0x80 | 127;
    header.writeBigUInt64BE(BigInt(length), 2);
  }
  const masked = Buffer.alloc(length);
  for (let i = 0; i < length; i++) masked[i] = (body[i] as number) ^ (mask[i % 4] as number);
  return Buffer.concat([header, mask, masked]);
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export async function until(check: () => boolean, ms: number): Promise<boolean> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (check()) return true;
    await sleep(20);
  }
  return check();
}
