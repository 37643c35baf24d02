/**
 * The browser edition's host: serves the built renderer and bridges the LabApi over a WebSocket,
 * on 127.0.0.1 only. Same engine and UI as the desktop app; only the pipe differs.
 *
 * Two secrets, for two jobs. The token (printed in the address) is what the bridge demands on
 * every upgrade. The page cookie has a random value of its own: cookies are not tied to a port, so
 * every server on 127.0.0.1 receives it, and it only lets a reload fetch the page and its files,
 * which hold nothing secret. The page keeps the token in its own tab (see ws-client.ts).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { join } from 'node:path';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import { BRIDGE_PATH, MAX_FRAME_BYTES, TOKEN_PARAM } from '../../shared/bridge';
import type { LabService } from '../../engine/service';
import { cookieValue, hostAllowed, newSecret, originAllowed, pageCookieName, parseTarget, sameSecret } from './access';
import { bridge } from './bridge';
import { CLOSE, HOST_LIMITS, type HostLimits } from './limits';
import { PagePresence } from './pages';
import { resolveInside, SECURITY_HEADERS, sendFile } from './static-files';

export interface WebHostOptions {
  service: LabService;
  /** Folder of the built renderer (out/renderer). */
  rendererDir: string;
  /** 0 (the default) picks a free port. */
  port?: number;
  token?: string;
  /** Tests shorten the heartbeat or the grace period; the host itself uses HOST_LIMITS. */
  limits?: Partial<HostLimits>;
}

export interface WebHost {
  url: string;
  port: number;
  token: string;
  /** Pages connected right now. */
  pages(): number;
  close(): Promise<void>;
}

const LOOPBACK = '127.0.0.1';
/** The client name the host itself uses when it cancels an abandoned run. */
const HOST_CLIENT = 'web-host';
/** How often Node checks the header and request deadlines (its default, 30 s, is too coarse). */
const DEADLINE_CHECK_MS = 1000;

export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  const limits: HostLimits = { ...HOST_LIMITS, ...options.limits };
  const token = options.token ?? newSecret();
  const pageSecret = newSecret();
  const sockets = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES });
  const presence = new PagePresence(limits.detachGraceMs, () => void options.service.call('cancelRun', undefined, HOST_CLIENT));
  let port = 0;
  let nextClient = 1;
  /** Each connection's deadline to send its first request. */
  const spoken = new WeakMap<Duplex, NodeJS.Timeout>();

  const server: Server = createServer(
    { headersTimeout: limits.headersTimeoutMs, requestTimeout: limits.requestTimeoutMs, connectionsCheckingInterval: DEADLINE_CHECK_MS },
    (request, response) => {
      void handleHttp(request, response).catch(() => refuse(response, 500, 'internal error'));
    },
  );
  server.maxConnections = limits.maxConnections;
  // Node answers malformed requests itself ('clientError': 400, 408, 431) and then drops the
  // socket; but it takes its own error listener off a socket handed to 'upgrade', and a reset on
  // such a socket would then crash the host. This listener stays for the socket's whole life.
  server.on('connection', (socket: Socket) => {
    socket.on('error', () => socket.destroy());
    // Node's header deadline starts with a request's first byte: a client that connects and says
    // nothing would hold its socket for ever. It has as long to start as to finish its headers.
    const silent = setTimeout(() => socket.destroy(), limits.headersTimeoutMs);
    silent.unref();
    socket.once('close', () => clearTimeout(silent));
    spoken.set(socket, silent);
  });
  const spoke = (socket: Duplex): void => clearTimeout(spoken.get(socket));

  async function handleHttp(request: IncomingMessage, response: ServerResponse): Promise<void> {
    spoke(request.socket);
    if (!hostAllowed(request.headers.host, port)) return refuse(response, 403, 'This lab answers only on 127.0.0.1 and localhost.');
    if (request.method !== 'GET' && request.method !== 'HEAD') return refuse(response, 405, 'method not allowed');
    const target = parseTarget(request.url);
    if (!target) return refuse(response, 400, 'bad request');
    const cookieName = pageCookieName(port);
    const hasCookie = sameSecret(cookieValue(request.headers.cookie, cookieName), pageSecret);
    if (target.path === '/' || target.path === '/index.html') {
      const hasToken = sameSecret(target.query.get(TOKEN_PARAM), token);
      if (!hasToken && !hasCookie) return refuse(response, 403, 'This lab needs the address with its token, as printed when it started.');
      const cookie = { 'Set-Cookie': `${cookieName}=${pageSecret}; HttpOnly; SameSite=Strict; Path=/` };
      const sent = await sendFile(response, join(options.rendererDir, 'index.html'), hasToken ? cookie : {});
      if (!sent) refuse(response, 500, 'The renderer is not built; run npm run build first.');
      return;
    }
    if (!hasCookie) return refuse(response, 403, 'forbidden');
    const file = resolveInside(options.rendererDir, target.path);
    if (!file || !(await sendFile(response, file))) refuse(response, 404, 'not found');
  }

  server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on('error', () => socket.destroy());
    spoke(socket);
    const target = parseTarget(request.url);
    const allowed =
      target !== undefined &&
      target.path === BRIDGE_PATH &&
      hostAllowed(request.headers.host, port) &&
      originAllowed(request.headers.origin, port) &&
      sameSecret(target.query.get(TOKEN_PARAM), token);
    if (!allowed) return refuseUpgrade(socket);
    try {
      sockets.handleUpgrade(request, socket, head, (ws) => {
        if (presence.count >= limits.maxPages) {
          ws.close(CLOSE.tooManyPages.code, CLOSE.tooManyPages.reason(limits.maxPages));
          return;
        }
        const client = `web-${nextClient++}`;
        presence.arrived(client);
        bridge({ ws, client, service: options.service, limits, onGone: () => presence.left(client) });
      });
    } catch {
      socket.destroy();
    }
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, LOOPBACK, () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  // Once listening, an error is an accept that failed (out of file descriptors): the server goes
  // on listening, and without a listener the error alone would end the host.
  server.on('error', (error) => process.emitWarning(`GIL Lab web host: ${error.message}`));

  return {
    url: `http://${LOOPBACK}:${port}/?${TOKEN_PARAM}=${token}`,
    port,
    token,
    pages: () => presence.count,
    close: async () => {
      presence.dispose();
      for (const ws of sockets.clients) ws.terminate();
      await new Promise<void>((resolve) => sockets.close(() => resolve()));
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function refuse(response: ServerResponse, status: number, message: string): void {
  try {
    if (response.headersSent) return void response.end();
    response.writeHead(status, { ...SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' });
    response.end(message + '\n');
  } catch {
    response.destroy();
  }
}

/** Answers a refused upgrade and lets the socket go, even if the client never reads the answer. */
function refuseUpgrade(socket: Duplex): void {
  if (!socket.writable) return void socket.destroy();
  socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\nContent-Length: 0\r\n\r\n', () => socket.destroy());
  setTimeout(() => socket.destroy(), 2000).unref();
}
