/** Starts the built browser-edition host and talks to its WebSocket bridge, as a page would. */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import type { ServerFrame } from '../src/shared/api';
import { OUT_MAIN } from './build-state';

export interface Host {
  child: ChildProcess;
  port: number;
  token: string;
  stop(): Promise<void>;
}

/** Starts the built host on a free port with a fresh preferences folder, removed when it stops. */
export function startHost(): Promise<Host> {
  const config = mkdtempSync(join(tmpdir(), 'gil-lab-config-'));
  const child = spawn(process.execPath, [join(OUT_MAIN, 'web.js'), '--port', '0', '--no-open'], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, GIL_LAB_CONFIG_DIR: config },
  });
  const removeConfig = (): void => rmSync(config, { recursive: true, force: true });
  let out = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      removeConfig();
      reject(new Error(`the host printed no address within 30 s: ${out}`));
    }, 30_000);
    child.stderr.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /127\.0\.0\.1:(\d+)\/\?token=([\w-]+)/.exec(out);
      if (!match) return;
      clearTimeout(timer);
      resolve({
        child,
        port: Number(match[1]),
        token: match[2] as string,
        stop: () =>
          new Promise<void>((done) => {
            const finish = (): void => {
              removeConfig();
              done();
            };
            if (child.exitCode !== null || child.signalCode !== null) return finish();
            const force = setTimeout(() => child.kill('SIGKILL'), 10_000);
            child.once('exit', () => {
              clearTimeout(force);
              finish();
            });
            child.kill('SIGTERM');
          }),
      });
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      removeConfig();
      reject(new Error(`host exited (${code}): ${out}`));
    });
  });
}

/** Longest a test waits for any one reply; a host that never answers fails the test, not hangs it. */
const REPLY_TIMEOUT_MS = 60_000;

export class BridgeClient {
  readonly events: ServerFrame[] = [];
  /** Replies whose id no call of ours waits for (garbage frames are answered with id -1). */
  readonly strayReplies: ServerFrame[] = [];
  private nextId = 1;
  private readonly waiting = new Map<number, (frame: ServerFrame) => void>();
  private constructor(readonly ws: WebSocket) {
    ws.on('message', (data) => {
      const frame = JSON.parse(data.toString()) as ServerFrame;
      if (!('id' in frame)) this.events.push(frame);
      else if (this.waiting.has(frame.id)) {
        this.waiting.get(frame.id)?.(frame);
        this.waiting.delete(frame.id);
      } else this.strayReplies.push(frame);
    });
  }

  static open(host: Host): Promise<BridgeClient> {
    const ws = new WebSocket(`ws://127.0.0.1:${host.port}/bridge?token=${host.token}`, { origin: `http://127.0.0.1:${host.port}` });
    return new Promise((resolve, reject) => {
      ws.once('open', () => resolve(new BridgeClient(ws)));
      ws.once('error', reject);
    });
  }

  call(call: string, input?: unknown): Promise<ServerFrame> {
    const id = this.nextId++;
    return this.rawCall(id, JSON.stringify({ id, call, input }));
  }

  /** Sends frame text written by hand (a `"__proto__"` key survives only this way) and awaits reply `id`. */
  rawCall(id: number, text: string): Promise<ServerFrame> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiting.delete(id);
        reject(new Error(`no reply to call ${id} within ${REPLY_TIMEOUT_MS} ms`));
      }, REPLY_TIMEOUT_MS);
      this.waiting.set(id, (frame) => {
        clearTimeout(timer);
        resolve(frame);
      });
      this.ws.send(text);
    });
  }

  /** Sends a raw text frame, answered or not. */
  raw(text: string): void {
    this.ws.send(text);
  }

  close(): void {
    this.ws.close();
  }
}

/** Threads and resident memory of a process, from /proc (Linux). */
export function processStatus(pid: number): { threads: number; rssKb: number } | undefined {
  const file = `/proc/${pid}/status`;
  if (!existsSync(file)) return undefined;
  const text = readFileSync(file, 'utf8');
  const read = (key: string): number => Number(new RegExp(`${key}:\\s+(\\d+)`).exec(text)?.[1] ?? Number.NaN);
  return { threads: read('Threads'), rssKb: read('VmRSS') };
}
