/**
 * The browser edition's host: serves the built renderer and bridges the LabApi over a WebSocket,
 * on 127.0.0.1 only. Same engine and UI as the desktop app; only the pipe differs.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import type { ClientFrame, ServerFrame } from '../../shared/api';
import { BRIDGE_PATH, MAX_FRAME_BYTES, TOKEN_PARAM } from '../../shared/bridge';
import type { LabService } from '../../engine/service';
import { cookieToken, hostAllowed, newToken, originAllowed, sameSecret, TOKEN_COOKIE } from './access';
import { resolveInside, SECURITY_HEADERS, sendFile } from './static-files';

export interface WebHostOptions {
  service: LabService;
  /** Folder of the built renderer (out/renderer). */
  rendererDir: string;
  /** 0 (the default) picks a free port. */
  port?: number;
  token?: string;
}

export interface WebHost {
  url: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

const LOOPBACK = '127.0.0.1';

export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  const token = options.token ?? newToken();
  const sockets = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES });
  let port = 0;
  let nextClient = 1;

  const server: Server = createServer((request, response) => {
    void handleHttp(request, response).catch(() => refuse(response, 500, 'internal error'));
  });

  async function handleHttp(request: IncomingMessage, response: ServerResponse): Promise<void> {
    if (!hostAllowed(request, port)) return refuse(response, 403, 'This lab answers only on 127.0.0.1 and localhost.');
    if (request.method !== 'GET' && request.method !== 'HEAD') return refuse(response, 405, 'method not allowed');
    const url = new URL(request.url ?? '/', `http://${LOOPBACK}:${port}`);
    if (url.pathname === '/' || url.pathname === '/index.html') {
      if (!sameSecret(url.searchParams.get(TOKEN_PARAM), token)) {
        return refuse(response, 403, 'This lab needs the address with its token, as printed when it started.');
      }
      const cookie = `${TOKEN_COOKIE}=${token}; HttpOnly; SameSite=Strict; Path=/`;
      const sent = await sendFile(response, join(options.rendererDir, 'index.html'), { 'Set-Cookie': cookie });
      if (!sent) refuse(response, 500, 'The renderer is not built; run npm run build first.');
      return;
    }
    if (!sameSecret(cookieToken(request), token)) return refuse(response, 403, 'forbidden');
    const file = resolveInside(options.rendererDir, url.pathname);
    if (!file || !(await sendFile(response, file))) refuse(response, 404, 'not found');
  }

  server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    const url = new URL(request.url ?? '/', `http://${LOOPBACK}:${port}`);
    const allowed =
      url.pathname === BRIDGE_PATH &&
      hostAllowed(request, port) &&
      originAllowed(request, port) &&
      sameSecret(url.searchParams.get(TOKEN_PARAM), token);
    if (!allowed) {
      socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    sockets.handleUpgrade(request, socket, head, (ws) => bridge(ws, `web-${nextClient++}`, options.service));
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, LOOPBACK, () => resolve());
  });
  port = (server.address() as AddressInfo).port;

  return {
    url: `http://${LOOPBACK}:${port}/?${TOKEN_PARAM}=${token}`,
    port,
    token,
    close: async () => {
      for (const ws of sockets.clients) ws.terminate();
      await new Promise<void>((resolve) => sockets.close(() => resolve()));
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function refuse(response: ServerResponse, status: number, message: string): void {
  if (response.headersSent) return void response.end();
  response.writeHead(status, { ...SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' });
  response.end(message + '\n');
}

/** One page's connection: frames in, replies and events out. */
function bridge(ws: WebSocket, client: string, service: LabService): void {
  const send = (frame: ServerFrame): void => {
    if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(frame));
  };
  service.attach(client, (event, payload) => send({ event, payload }));
  ws.on('message', (data, isBinary) => {
    const frame = isBinary ? undefined : parseFrame(data.toString());
    if (!frame) {
      send({ id: -1, reply: { ok: false, error: 'the lab expects a JSON frame {id, call, input}' } });
      return;
    }
    void service.call(frame.call, frame.input, client).then((reply) => send({ id: frame.id, reply }));
  });
  ws.on('close', () => service.detach(client));
  ws.on('error', () => ws.terminate());
}

function parseFrame(text: string): ClientFrame | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null) return undefined;
  const { id, call, input } = value as Record<string, unknown>;
  if (typeof id !== 'number' || !Number.isSafeInteger(id) || typeof call !== 'string') return undefined;
  return { id, call, input };
}
