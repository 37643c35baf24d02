/**
 * The browser edition's HTTP and upgrade layer under thousands of hostile connections on loopback:
 * random request lines, methods and targets (absolute-form, `//a:b`, bad escapes), huge and
 * duplicate headers, resets in the middle of a handshake, clients that dribble or say nothing.
 * Afterwards the host serves the page, a real run works, and its memory has not grown.
 */
import { existsSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtEntries } from '../src/engine/entries';
import { HOST_LIMITS } from '../src/hosts/web/limits';
import { upgradeRequest } from '../src/hosts/web/testing';
import type { RunEvent } from '../src/shared/results';
import { BridgeClient, processStatus, startHost, type Host } from './bridge-client';
import { OUT_MAIN } from './build-state';
import { processesRunning, waitUntil } from './processes';

const CONNECTIONS = 3000;
const CONCURRENCY = 40;
/** Longest one fuzz connection stays open from our side. */
const CONNECTION_MS = 1500;
const FUZZ_DEADLINE_MS = 150_000;

let host: Host;
beforeAll(async () => {
  host = await startHost();
});
afterAll(async () => {
  await host?.stop();
});

function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

function pick<T>(next: () => number, items: readonly T[]): T {
  return items[Math.floor(next() * items.length)] as T;
}

function garbage(next: () => number, length: number): Buffer {
  return Buffer.from(Array.from({ length }, () => Math.floor(next() * 256)));
}

/** One hostile exchange: the bytes to send and how to behave while sending them. */
interface Attack {
  bytes: Buffer;
  style: 'whole' | 'reset-midway' | 'dribble' | 'half-close' | 'silent';
}

function attack(next: () => number, port: number, token: string): Attack {
  const ours = `127.0.0.1:${port}`;
  const method = pick(next, ['GET', 'GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'OPTIONS', 'TRACE', 'CONNECT', 'PATCH', 'get', 'G\tET', 'PRI', '']);
  const target = pick(next, [
    '/',
    `/?token=${token}`,
    `/?token=${token}&token=x`,
    '/index.html',
    '/assets/../../../../etc/passwd',
    '/%2e%2e/%2e%2e/etc/passwd',
    '/..\\..\\windows\\win.ini',
    '/%',
    '/%00',
    '//a:b',
    `//a:b/bridge?token=${token}`,
    `http://${ours}/?token=${token}`,
    'http://evil.example/',
    '*',
    'a',
    '/bridge',
    `/bridge?token=${token}`,
    '/' + 'x'.repeat(Math.floor(next() * 20_000)),
    garbage(next, 8).toString('latin1'),
  ]);
  const version = pick(next, ['HTTP/1.1', 'HTTP/1.1', 'HTTP/1.0', 'HTTP/2.0', 'HTTP/9.9', '']);
  const headers: string[] = [];
  const hostHeader = pick(next, [`Host: ${ours}`, `Host: ${ours}`, `Host: localhost:${port}`, 'Host: evil.example', '', `Host: ${ours}\r\nHost: evil.example`, 'Host: ']);
  if (hostHeader) headers.push(hostHeader);
  const extras = Math.floor(next() * 6);
  for (let i = 0; i < extras; i++) {
    headers.push(
      pick(next, [
        'Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==',
        `Origin: http://${ours}`,
        'Origin: http://evil.example',
        'Origin: null',
        `Cookie: gil_lab_page_${port}=${token}`,
        'Upgrade: h2c',
        'Transfer-Encoding: chunked',
        `Content-Length: ${Math.floor(next() * 1e9)}`,
        'Content-Length: 5\r\nContent-Length: 6',
        `X-Big: ${'b'.repeat(Math.floor(next() * 40_000))}`,
        Array.from({ length: Math.floor(next() * 300) }, (_, k) => `X-Dup-${k % 7}: ${k}`).join('\r\n'),
        'Expect: 100-continue',
        'Connection: close',
        garbage(next, 20).toString('latin1'),
      ]),
    );
  }
  const body = next() < 0.2 ? garbage(next, Math.floor(next() * 5000)) : Buffer.alloc(0);
  let bytes: Buffer = Buffer.concat([Buffer.from(`${method} ${target} ${version}\r\n${headers.join('\r\n')}${headers.length ? '\r\n' : ''}\r\n`, 'latin1'), body]);
  if (next() < 0.1) bytes = Buffer.from(upgradeRequest(port, pick(next, [`/bridge?token=${token}`, '/bridge?token=nope', '//a:b'])));
  if (next() < 0.05) bytes = garbage(next, Math.floor(next() * 4000));
  const style = pick(next, ['whole', 'whole', 'whole', 'reset-midway', 'dribble', 'half-close', 'silent'] as const);
  return { bytes, style };
}

/** Plays one attack; resolves (never rejects) once the socket is gone, within CONNECTION_MS. */
function play(port: number, { bytes, style }: Attack, next: () => number): Promise<string> {
  return new Promise((resolve) => {
    const socket: Socket = connect(port, '127.0.0.1');
    let answer = '';
    let settled = false;
    const finish = (): void => {
      if (settled) return;
      settled = true;
      clearTimeout(limit);
      socket.destroy();
      resolve(answer.slice(0, 12));
    };
    const limit = setTimeout(finish, CONNECTION_MS);
    socket.on('error', finish);
    socket.on('close', finish);
    socket.on('data', (chunk: Buffer) => {
      answer += chunk.toString('latin1');
      if (style !== 'dribble') setTimeout(finish, 20);
    });
    socket.on('connect', () => {
      if (style === 'silent') return;
      if (style === 'reset-midway') {
        socket.write(bytes.subarray(0, Math.floor(next() * bytes.length)), () => socket.resetAndDestroy());
        return;
      }
      if (style === 'dribble') {
        let at = 0;
        const drip = (): void => {
          if (settled || at >= bytes.length) return;
          socket.write(bytes.subarray(at, at + 3));
          at += 3;
          setTimeout(drip, 50);
        };
        drip();
        return;
      }
      socket.write(bytes);
      if (style === 'half-close') socket.end();
    });
  });
}

/** Threads and memory of the host, or undefined where there is no /proc. */
const hostStatus = () => processStatus(host.child.pid as number);

async function runWorks(): Promise<void> {
  const client = await BridgeClient.open(host);
  const start = await client.call('startRun', { experiment: 'cpu-bound', workers: 2, seconds: 0.2, switchMs: 5, modes: ['threads', 'processes'] });
  expect('reply' in start && start.reply.ok).toBe(true);
  const { runId } = (start as { reply: { value: { runId: string } } }).reply.value;
  const finished = (): boolean => client.events.some((f) => 'event' in f && (f.payload as RunEvent).runId === runId && (f.payload as RunEvent).type === 'run-finished');
  expect(await waitUntil(finished, 90_000)).toBe(true);
  client.close();
}

function get(path: string): Promise<string> {
  return play(host.port, { bytes: Buffer.from(`GET ${path} HTTP/1.1\r\nHost: 127.0.0.1:${host.port}\r\nConnection: close\r\n\r\n`), style: 'whole' }, Math.random);
}

describe('the web host under hostile connections', () => {
  let rssBefore: number | undefined;
  let rssAfter: number | undefined;

  it(`survives ${CONNECTIONS} hostile connections, then serves the page and runs`, async () => {
    // Warm up first, so the memory compared afterwards is the host's steady state.
    await runWorks();
    const warm = random(7);
    await Promise.all(Array.from({ length: 200 }, () => play(host.port, attack(warm, host.port, host.token), warm)));
    rssBefore = hostStatus()?.rssKb;

    // A slow client that sends half a request and then nothing: the host must let it go.
    const loris = connect(host.port, '127.0.0.1');
    loris.on('error', () => {});
    // Flowing, so the host's answer is read and 'close' can come.
    loris.resume();
    loris.write(`GET / HTTP/1.1\r\nHost: 127.0.0.1:${host.port}\r\n`);
    const lorisDropped = new Promise<number>((resolve) => {
      const since = Date.now();
      loris.on('close', () => resolve(Date.now() - since));
    });

    const next = random(2024);
    const seen = new Map<string, number>();
    const started = Date.now();
    let sent = 0;
    const lane = async (): Promise<void> => {
      while (sent < CONNECTIONS && Date.now() - started < FUZZ_DEADLINE_MS) {
        sent++;
        const answer = await play(host.port, attack(next, host.port, host.token), next);
        const status = /^HTTP\/1\.1 (\d{3})/.exec(answer)?.[1] ?? (answer ? 'other' : 'none');
        seen.set(status, (seen.get(status) ?? 0) + 1);
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, lane));
    expect(sent).toBe(CONNECTIONS);
    console.info(`http fuzz: ${CONNECTIONS} connections in ${Date.now() - started} ms; answers by status: ${JSON.stringify(Object.fromEntries(seen))}`);
    expect(host.child.exitCode).toBeNull();
    // The fuzz reached the host's refusals, not only the socket layer.
    expect(seen.get('400') ?? 0).toBeGreaterThan(50);
    expect(seen.get('403') ?? 0).toBeGreaterThan(50);

    const waited = await Promise.race([lorisDropped, new Promise<number>((resolve) => setTimeout(() => resolve(Infinity), HOST_LIMITS.headersTimeoutMs + 15_000))]);
    loris.destroy();
    expect(waited).toBeLessThan(HOST_LIMITS.headersTimeoutMs + 15_000);

    expect(await get(`/?token=${host.token}`)).toMatch(/^HTTP\/1\.1 200/);
    await runWorks();
    expect(await waitUntil(() => processesRunning(builtEntries(OUT_MAIN).process).length === 0, 10_000)).toBe(true);
    rssAfter = hostStatus()?.rssKb;
  });

  // Memory is read from /proc/<pid>/status; where there is none (macOS, Windows) this check alone is skipped.
  it.skipIf(!existsSync('/proc/self/status'))('the host holds no more memory afterwards than before, within a generous margin (needs /proc)', () => {
    expect(rssBefore).toBeGreaterThan(0);
    expect(rssAfter).toBeGreaterThan(0);
    const before = rssBefore as number;
    console.info(`host memory: ${Math.round(before / 1024)} MB before the fuzz, ${Math.round((rssAfter as number) / 1024)} MB after`);
    // A leak of a few kB per connection would show as tens of MB; GC and allocator slack stay well below.
    expect(rssAfter as number).toBeLessThan(before * 1.3 + 40 * 1024);
  });
});
