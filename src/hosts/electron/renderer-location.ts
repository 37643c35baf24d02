/**
 * Where the window's page comes from, decided once: the built renderer on disk, or (in
 * development only) electron-vite's dev server. Loading, navigation rules and the IPC sender check
 * all ask this one object, so they cannot disagree about which page is ours.
 */
import { join } from 'node:path';
import type { BrowserWindow } from 'electron';
import { APP_INDEX_URL, isAppPage } from './app-url';

export interface RendererLocation {
  /** Loads our page into `window`. */
  load(window: BrowserWindow): Promise<void>;
  /** Whether `url` is our page (the query and fragment aside). */
  owns(url: string): boolean;
  /** The dev server's origin, which the CSP must let the page reach for hot reload. */
  devOrigin: string | undefined;
  /** The built renderer's folder, served on app://lab (undefined with a dev server). */
  rendererDir: string | undefined;
}

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * `bundleDir` is out/main. The dev URL is honoured only in an unpackaged app and only on loopback:
 * an environment variable must never be able to point a window that holds the lab API at the web.
 */
export function resolveRendererLocation(bundleDir: string, isPackaged: boolean, devUrl: string | undefined): RendererLocation {
  const dev = isPackaged ? undefined : loopbackUrl(devUrl);
  if (dev) {
    return {
      load: (window) => window.loadURL(dev.href),
      owns: (url) => parse(url)?.origin === dev.origin,
      devOrigin: dev.origin,
      rendererDir: undefined,
    };
  }
  return {
    load: (window) => window.loadURL(APP_INDEX_URL),
    owns: isAppPage,
    devOrigin: undefined,
    rendererDir: join(bundleDir, '..', 'renderer'),
  };
}

function loopbackUrl(raw: string | undefined): URL | undefined {
  const url = raw ? parse(raw) : undefined;
  if (!url) return undefined;
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || !LOOPBACK.has(url.hostname)) {
    process.emitWarning(`ignoring ELECTRON_RENDERER_URL=${raw}: only a loopback dev server may serve the lab's window`);
    return undefined;
  }
  return url;
}

function parse(url: string): URL | undefined {
  try {
    return new URL(url);
  } catch {
    return undefined;
  }
}
