/**
 * The desktop page's own origin, app://lab. A custom standard scheme instead of file:// gives the
 * page a real origin (file:// pages share one with every file on the disk), lets the CSP travel as a
 * response header, and lets the app answer for exactly the files of the built renderer and no
 * others. Pure, so it is tested without Electron; src/main/app-protocol.ts wires it in.
 */
import { join, normalize, sep } from 'node:path';
import { contentType } from '../content-type';

export { contentType };

export const APP_SCHEME = 'app';
export const APP_HOST = 'lab';
export const APP_INDEX_URL = `${APP_SCHEME}://${APP_HOST}/index.html`;

/** The URL's parts if it is ours (app://lab/...), else undefined. Never throws. */
function ours(url: string): URL | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  // `origin` is "null" for a scheme WHATWG does not know, so compare scheme and host themselves.
  return parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST ? parsed : undefined;
}

/** Whether `url` is the lab's page itself (any query or fragment). */
export function isAppPage(url: string): boolean {
  return ours(url)?.pathname === '/index.html';
}

/**
 * The file under `rendererDir` an app:// request names, or undefined for anything else: another
 * host, a path that climbs out (`..`, encoded or with backslashes), a NUL byte.
 */
export function fileForAppUrl(rendererDir: string, url: string): string | undefined {
  const parsed = ours(url);
  if (!parsed) return undefined;
  let path: string;
  try {
    path = decodeURIComponent(parsed.pathname);
  } catch {
    return undefined;
  }
  if (path.includes('\0') || path.includes('\\')) return undefined;
  if (path === '/' || path === '') path = '/index.html';
  const root = normalize(rendererDir);
  const full = normalize(join(root, path));
  return full.startsWith(root.endsWith(sep) ? root : root + sep) ? full : undefined;
}
