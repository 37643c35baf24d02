/**
 * The Electron host of GIL Lab. This file is the table of contents: it makes one lab, one window
 * and the pipe between them; each step lives in a file named for it.
 */
import { app, type BrowserWindow } from 'electron';
import { join } from 'node:path';
import { desktopCalls } from './export';
import { builtEntries } from '../../engine/entries';
import { PreferenceStore } from '../../engine/preferences';
import { Lab } from '../../engine/lab';
import { createLabService } from '../../engine/service';
import { LAB_LESSONS } from '../../lessons/programs';
import { connectWindow, setupIpc } from './ipc';
import { setupLifecycle } from './lifecycle';
import { resolveRendererLocation } from './renderer-location';
import { setupSecurity } from './security';
import { createMainWindow, focusWindow } from './window';

// Every renderer sandboxed, whatever a window's own preferences say.
app.enableSandbox();

// A second copy would start a second engine competing for the same cores and skew both labs.
if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  start();
}

function start(): void {
  // The main bundle is CommonJS in out/main; the worker entries are built beside it.
  const lab = new Lab({ entries: builtEntries(__dirname), lessons: LAB_LESSONS });
  const preferences = new PreferenceStore(join(app.getPath('userData'), 'preferences.json'));
  const service = createLabService(lab, { preferences, desktop: desktopCalls() });
  const renderer = resolveRendererLocation(__dirname, app.isPackaged, process.env['ELECTRON_RENDERER_URL']);
  let window: BrowserWindow | undefined;

  const openWindow = (): void => {
    window = createMainWindow(__dirname, renderer);
    connectWindow(service, window.webContents, renderer);
  };

  setupLifecycle({
    onSecondInstance: () => (window && !window.isDestroyed() ? focusWindow(window) : undefined),
    onActivateWithoutWindows: () => {
      if (app.isReady()) openWindow();
    },
    dispose: () => lab.dispose(),
  });

  app
    .whenReady()
    .then(() => {
      setupSecurity(renderer);
      setupIpc(service, renderer);
      openWindow();
    })
    .catch((error: unknown) => {
      console.error(`GIL Lab could not start: ${error instanceof Error ? error.message : String(error)}`);
      app.exit(1);
    });
}
