/**
 * Who may talk to the browser edition. It binds 127.0.0.1 only, and still checks every request:
 * the token proves the caller was given the URL; the Host header defeats DNS rebinding; the Origin
 * header stops other sites open in the same browser from reaching the WebSocket.
 *
 * Every check here reads the raw strings Node hands over and never throws: a request target such
 * as `//a:b` makes `new URL()` throw, and one throw in the upgrade path used to take the host down.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';

/** Longest request target we read; the page's own addresses are far shorter. */
export const MAX_TARGET_LENGTH = 2048;

export function newSecret(): string {
  return randomBytes(24).toString('base64url');
}

export function sameSecret(given: unknown, secret: string): boolean {
  // Lengths first: a huge value never becomes a buffer, and timingSafeEqual needs equal lengths.
  if (typeof given !== 'string' || given.length !== secret.length) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(secret);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** The host names the page may be reached by, on our own port. */
export function allowedHosts(port: number): string[] {
  return [`127.0.0.1:${port}`, `localhost:${port}`];
}

export function hostAllowed(host: unknown, port: number): boolean {
  return typeof host === 'string' && allowedHosts(port).includes(host);
}

/** A browser always sends Origin on a WebSocket upgrade; it must be our own page. */
export function originAllowed(origin: unknown, port: number): boolean {
  return typeof origin === 'string' && allowedHosts(port).some((host) => origin === `http://${host}`);
}

/** A request target split by hand: the path as sent (still encoded) and its query. */
export interface Target {
  path: string;
  query: URLSearchParams;
}

/**
 * Reads an origin-form request target (`/path?query`). Anything else (absolute-form, `//host`,
 * backslashes that a URL parser would take for slashes, control characters, a target longer than
 * MAX_TARGET_LENGTH) is undefined, which every caller answers with a refusal.
 */
export function parseTarget(raw: unknown): Target | undefined {
  if (typeof raw !== 'string' || raw.length === 0 || raw.length > MAX_TARGET_LENGTH) return undefined;
  if (raw[0] !== '/' || raw[1] === '/' || raw.includes('\\')) return undefined;
  // Printable ASCII only; Node's parser already refuses most of the rest.
  if (!/^[\x21-\x7e]+$/.test(raw)) return undefined;
  const hash = raw.indexOf('#');
  const target = hash === -1 ? raw : raw.slice(0, hash);
  const mark = target.indexOf('?');
  const path = mark === -1 ? target : target.slice(0, mark);
  // URLSearchParams never throws on a string: bad escapes are kept as they are.
  const query = new URLSearchParams(mark === -1 ? '' : target.slice(mark + 1));
  return { path, query };
}

/**
 * The page cookie's name carries the port: cookies are not tied to a port, so two labs open in one
 * browser would otherwise overwrite each other's cookie and one tab's reload would be refused.
 */
export function pageCookieName(port: number): string {
  return `gil_lab_page_${port}`;
}

/** The value of cookie `name` in a Cookie header, if present once or more (the first wins). */
export function cookieValue(header: unknown, name: string): string | undefined {
  if (typeof header !== 'string') return undefined;
  for (const part of header.split(';')) {
    const equals = part.indexOf('=');
    if (equals === -1) continue;
    if (part.slice(0, equals).trim() === name) return part.slice(equals + 1).trim();
  }
  return undefined;
}
