/**
 * The lab's one window. Every web preference that matters for security is written out, even
 * where it matches Electron's default, so a reader (or a future default change) cannot be
 * surprised.
 */
import { join } from 'node:path';
import { app, BrowserWindow, screen, type WebContents } from 'electron';
import type { RendererLocation } from './renderer-location';

/** Matches the renderer's dark theme, so the window never flashes white before the first paint. */
const BACKGROUND = '#0b0f14';
const DEFAULT_SIZE = { width: 1440, height: 900 };
const MIN_SIZE = { width: 1024, height: 700 };

/** Ids of the webContents of windows we created: the only ones the IPC layer answers. */
const ours = new Set<number>();

export function isAppWindowContents(contents: WebContents): boolean {
  return !contents.isDestroyed() && ours.has(contents.id);
}

/** Opens the window and starts loading the renderer; shown once it has something to show. */
export function createMainWindow(bundleDir: string, renderer: RendererLocation): BrowserWindow {
  const area = screen.getPrimaryDisplay().workAreaSize;
  const window = new BrowserWindow({
    // A laptop's work area can be smaller than the default; never open past the screen's edge.
    width: Math.min(DEFAULT_SIZE.width, Math.max(MIN_SIZE.width, area.width)),
    height: Math.min(DEFAULT_SIZE.height, Math.max(MIN_SIZE.height, area.height)),
    minWidth: MIN_SIZE.width,
    minHeight: MIN_SIZE.height,
    title: 'GIL Lab',
    backgroundColor: BACKGROUND,
    show: false,
    webPreferences: {
      preload: join(bundleDir, '..', 'preload', 'index.js'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      // An installed app has no use for DevTools; a source checkout keeps them for development.
      devTools: !app.isPackaged,
    },
  });

  const id = window.webContents.id;
  ours.add(id);
  window.once('closed', () => ours.delete(id));
  window.once('ready-to-show', () => window.show());

  renderer.load(window).catch((error: unknown) => {
    // A failed load leaves a blank window; say why on the terminal that started the app.
    console.error(`GIL Lab: the window could not load its page: ${error instanceof Error ? error.message : String(error)}`);
    if (!window.isDestroyed()) window.show();
  });
  return window;
}

/** Brings an existing window to the front (a second launch lands here instead of a new app). */
export function focusWindow(window: BrowserWindow): void {
  if (window.isDestroyed()) return;
  if (window.isMinimized()) window.restore();
  window.show();
  window.focus();
}
