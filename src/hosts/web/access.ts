/**
 * Who may talk to the browser edition. It binds 127.0.0.1 only, and still checks every request:
 * the token proves the caller was given the URL; the Host header defeats DNS rebinding; the Origin
 * header stops other sites open in the same browser from reaching the WebSocket.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export const TOKEN_COOKIE = 'gil_lab_token';

export function newToken(): string {
  return randomBytes(24).toString('base64url');
}

export function sameSecret(given: string | null | undefined, token: string): boolean {
  if (typeof given !== 'string') return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** The host names the page may be reached by, on our own port. */
export function allowedHosts(port: number): Set<string> {
  return new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
}

export function hostAllowed(request: IncomingMessage, port: number): boolean {
  return allowedHosts(port).has(request.headers.host ?? '');
}

/** A browser always sends Origin on a WebSocket upgrade; it must be our own page. */
export function originAllowed(request: IncomingMessage, port: number): boolean {
  const origin = request.headers.origin;
  if (typeof origin !== 'string') return false;
  return [...allowedHosts(port)].some((host) => origin === `http://${host}`);
}

export function cookieToken(request: IncomingMessage): string | undefined {
  const header = request.headers.cookie ?? '';
  for (const part of header.split(';')) {
    const [name, ...rest] = part.trim().split('=');
    if (name === TOKEN_COOKIE) return rest.join('=');
  }
  return undefined;
}
