/** Starts the built browser-edition host and talks to its WebSocket bridge, as a page would. */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
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

export function startHost(): Promise<Host> {
  const config = mkdtempSync(join(tmpdir(), 'gil-lab-config-'));
  const child = spawn(process.execPath, [join(OUT_MAIN, 'web.js'), '--port', '0', '--no-open'], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, GIL_LAB_CONFIG_DIR: config },
  });
  let out = '';
  return new Promise((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /127\.0\.0\.1:(\d+)\/\?token=([\w-]+)/.exec(out);
      if (match) {
        resolve({
          child,
          port: Number(match[1]),
          token: match[2] as string,
          stop: () =>
            new Promise<void>((done) => {
              if (child.exitCode !== null) return done();
              child.once('exit', () => done());
              child.kill('SIGTERM');
            }),
        });
      }
    });
    child.once('exit', (code) => reject(new Error(`host exited (${code}): ${out}`)));
  });
}

export class BridgeClient {
  readonly events: ServerFrame[] = [];
  private nextId = 1;
  private readonly waiting = new Map<number, (frame: ServerFrame) => void>();
  private constructor(readonly ws: WebSocket) {
    ws.on('message', (data) => {
      const frame = JSON.parse(data.toString()) as ServerFrame;
      if ('id' in frame) this.waiting.get(frame.id)?.(frame);
      else this.events.push(frame);
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
    return new Promise((resolve) => {
      this.waiting.set(id, resolve);
      this.ws.send(JSON.stringify({ id, call, input }));
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
