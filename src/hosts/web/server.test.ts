import { request as httpRequest } from 'node:http';
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { pageCookieName } from './access';
import { startWebHost, type WebHost } from './server';
import { fakeService, rawExchange, sleep, tempRenderer, upgradeRequest, type FakeService } from './testing';

let host: WebHost;
let service: FakeService;
const renderer = tempRenderer();

beforeAll(async () => {
  service = fakeService();
  host = await startWebHost({ service, rendererDir: renderer.dir });
});
afterAll(async () => {
  await host.close();
  renderer.remove();
});

interface Answer {
  status: number;
  setCookie: string[];
}

function get(path: string, headers: Record<string, string> = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port: host.port, path, headers }, (res) => {
      res.resume();
      resolve({ status: res.statusCode ?? 0, setCookie: res.headers['set-cookie'] ?? [] });
    });
    req.on('error', reject);
    req.end();
  });
}

function openBridge(path: string, headers: Record<string, string> = {}): Promise<'open' | number> {
  return new Promise((resolve) => {
    const ws = new WebSocket(`ws://127.0.0.1:${host.port}${path}`, { origin: `http://127.0.0.1:${host.port}`, headers });
    ws.on('open', () => {
      ws.close();
      resolve('open');
    });
    ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
    ws.on('error', () => resolve(0));
  });
}

/** The page cookie the host sets when the page is opened with its token. */
async function pageCookie(): Promise<string> {
  const answer = await get(`/?token=${host.token}`);
  expect(answer.status).toBe(200);
  const cookie = answer.setCookie[0] ?? '';
  expect(cookie).toMatch(/HttpOnly/);
  expect(cookie).toMatch(/SameSite=Strict/);
  return cookie.split(';')[0] as string;
}

describe('the page cookie', () => {
  it('carries a random value of its own, never the token, under a name tied to the port', async () => {
    const cookie = await pageCookie();
    const [name, value] = cookie.split('=') as [string, string];
    expect(name).toBe(pageCookieName(host.port));
    expect(value.length).toBeGreaterThan(20);
    expect(value).not.toBe(host.token);
    expect(cookie).not.toContain(host.token);
  });

  it('lets a reload fetch the page and its files, and nothing else', async () => {
    const cookie = await pageCookie();
    const reload = await get('/', { Cookie: cookie });
    expect(reload.status).toBe(200);
    expect(reload.setCookie).toEqual([]);
    expect((await get('/assets/app.js', { Cookie: cookie })).status).toBe(200);
    expect((await get('/assets/missing.js', { Cookie: cookie })).status).toBe(404);
    // The cookie opens no bridge: that takes the token.
    expect(await openBridge('/bridge', { Cookie: cookie })).toBe(403);
    expect(await openBridge(`/bridge?token=${host.token}`, { Cookie: cookie })).toBe('open');
  });

  it('is refused when it is the token, a wrong value, or another port\u2019s', async () => {
    const cookie = await pageCookie();
    const value = cookie.split('=')[1] as string;
    expect((await get('/', { Cookie: `${pageCookieName(host.port)}=${host.token}` })).status).toBe(403);
    // One character changed (a value that already starts with "x" gets a "y"): never the real value by chance.
    const wrong = `${value.startsWith('x') ? 'y' : 'x'}${value.slice(1)}`;
    expect((await get('/assets/app.js', { Cookie: `${pageCookieName(host.port)}=${wrong}` })).status).toBe(403);
    expect((await get('/assets/app.js', { Cookie: `${pageCookieName(host.port + 1)}=${value}` })).status).toBe(403);
    expect((await get('/assets/app.js')).status).toBe(403);
  });
});

describe('raw requests that used to throw or hang', () => {
  it('refuses odd targets with a status, and keeps serving', async () => {
    const raw = (target: string, extra = ''): Promise<string> =>
      rawExchange(host.port, `GET ${target} HTTP/1.1\r\nHost: 127.0.0.1:${host.port}\r\nConnection: close\r\n${extra}\r\n`);
    expect(await raw('//a:b')).toMatch(/^HTTP\/1\.1 400/);
    expect(await raw(`http://127.0.0.1:${host.port}/?token=${host.token}`)).toMatch(/^HTTP\/1\.1 400/);
    expect(await raw('/\\a:b')).toMatch(/^HTTP\/1\.1 400/);
    expect(await raw('*')).toMatch(/^HTTP\/1\.1 400/);
    expect(await raw('/', `Host: evil.example\r\n`)).toMatch(/^HTTP\/1\.1 (400|403)/);
    expect(await rawExchange(host.port, 'BREW /pot HTTP/1.1\r\n\r\n')).toMatch(/^HTTP\/1\.1 400/);
    expect(await rawExchange(host.port, `GET / HTTP/1.1\r\nHost: 127.0.0.1:${host.port}\r\nX-Big: ${'a'.repeat(70_000)}\r\n\r\n`)).toMatch(/^HTTP\/1\.1 431/);
    expect((await get(`/?token=${host.token}`)).status).toBe(200);
  });

  it('refuses upgrades to odd targets, from odd origins or without the token', async () => {
    const refused = /^HTTP\/1\.1 403/;
    expect(await rawExchange(host.port, upgradeRequest(host.port, '//a:b'))).toMatch(refused);
    expect(await rawExchange(host.port, upgradeRequest(host.port, `//a:b/bridge?token=${host.token}`))).toMatch(refused);
    expect(await rawExchange(host.port, upgradeRequest(host.port, `http://127.0.0.1:${host.port}/bridge?token=${host.token}`))).toMatch(refused);
    expect(await rawExchange(host.port, upgradeRequest(host.port, `/bridge?token=${host.token}`, { Origin: 'http://evil.example' }))).toMatch(refused);
    expect(await rawExchange(host.port, upgradeRequest(host.port, `/bridge?token=${host.token}`, { Host: 'evil.example' }))).toMatch(refused);
    expect(await rawExchange(host.port, upgradeRequest(host.port, '/bridge?token='))).toMatch(refused);
    expect(await rawExchange(host.port, upgradeRequest(host.port, `/bridge?token=${host.token}`), 300)).toMatch(/^HTTP\/1\.1 101/);
  });

  it('survives clients that reset a refused or half-sent upgrade', async () => {
    for (const request of [upgradeRequest(host.port, '//a:b'), upgradeRequest(host.port, `/bridge?token=${host.token}`).slice(0, 60)]) {
      for (let i = 0; i < 20; i++) {
        const socket = connect(host.port, '127.0.0.1');
        socket.on('error', () => {});
        socket.write(request, () => socket.resetAndDestroy());
      }
    }
    await sleep(200);
    expect((await get(`/?token=${host.token}`)).status).toBe(200);
    expect(await openBridge(`/bridge?token=${host.token}`)).toBe('open');
  });
});

describe('slow clients', () => {
  it('are let go: one that says nothing, and one that never finishes its headers', async () => {
    const service = fakeService();
    const slow = await startWebHost({ service, rendererDir: renderer.dir, limits: { headersTimeoutMs: 400 } });
    try {
      const closedAfter = (bytes: string): Promise<number> =>
        new Promise((resolve) => {
          const since = Date.now();
          const socket = connect(slow.port, '127.0.0.1');
          socket.on('error', () => {});
          socket.resume();
          socket.on('close', () => resolve(Date.now() - since));
          if (bytes) socket.write(bytes);
        });
      const [silent, dribbling] = await Promise.all([closedAfter(''), closedAfter(`GET / HTTP/1.1\r\nHost: 127.0.0.1:${slow.port}\r\n`)]);
      // Node checks its header deadline once a second; both are gone well before a client could tie up the host.
      expect(silent).toBeLessThan(5000);
      expect(dribbling).toBeLessThan(5000);
      expect(await rawExchange(slow.port, `GET /?token=${slow.token} HTTP/1.1\r\nHost: 127.0.0.1:${slow.port}\r\nConnection: close\r\n\r\n`)).toMatch(/^HTTP\/1\.1 200/);
    } finally {
      await slow.close();
    }
  });
});
