/** Serves the built renderer from one folder, and nothing outside it. */
import { readFile, stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join, normalize, resolve, sep } from 'node:path';
import { contentType } from '../content-type';

export const SECURITY_HEADERS: Record<string, string> = {
  'Content-Security-Policy':
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'none'",
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cache-Control': 'no-store',
};

/**
 * The file under `root` that `urlPath` (still percent-encoded) names, or undefined if it could
 * leave `root`. Backslashes and colons are refused outright, whatever the platform: no file of the
 * built renderer has one, and on Windows they are a separator and a drive.
 */
export function resolveInside(root: string, urlPath: string): string | undefined {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return undefined;
  }
  if (/[\0\\:]/.test(decoded)) return undefined;
  const base = resolve(root);
  const full = normalize(join(base, decoded));
  return full === base || full.startsWith(base.endsWith(sep) ? base : base + sep) ? full : undefined;
}

export async function sendFile(response: ServerResponse, file: string, extraHeaders: Record<string, string> = {}): Promise<boolean> {
  try {
    const info = await stat(file);
    if (!info.isFile()) return false;
    const body = await readFile(file);
    response.writeHead(200, {
      ...SECURITY_HEADERS,
      ...extraHeaders,
      'Content-Type': contentType(file),
      'Content-Length': body.length,
    });
    response.end(body);
    return true;
  } catch {
    return false;
  }
}

/**
 * Serves `root` and nothing else, index.html at "/", with no token: the request handler of the
 * synthetic hosts the e2e tests and the frame-time bench stand up in place of the lab.
 */
export function staticFiles(root: string): (request: IncomingMessage, response: ServerResponse) => void {
  return (request, response) => {
    const path = new URL(request.url ?? '/', 'http://x').pathname;
    const file = resolveInside(root, path === '/' ? 'index.html' : path);
    if (!file) return void response.writeHead(403).end();
    void sendFile(response, file).then((sent) => {
      if (!sent) response.writeHead(404).end();
    });
  };
}
