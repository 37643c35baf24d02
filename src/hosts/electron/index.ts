/**
 * The Electron host of GIL Lab. This file is the table of contents: it makes one lab, one window
 * and the pipe between them; each step lives in a file named for it.
 */
import { app, type BrowserWindow } from 'electron';
import { desktopCalls } from './export';
import { builtEntries } from '../../engine/entries';
import { PreferenceStore } from '../../engine/preferences';
import { legacyPreferenceFiles, preferencesFile } from '../../engine/preferences-location';
import { Lab } from '../../engine/lab';
import { CpythonEngine } from '../../engine/cpython/cpython-engine';
import { createLabService } from '../../engine/service';
import { LAB_LESSONS } from '../../lessons/programs';
import { registerAppScheme, serveApp } from './app-protocol';
import { connectWindow, setupIpc } from './ipc';
import { setupLifecycle } from './lifecycle';
import { resolveRendererLocation } from './renderer-location';
import { unpackedDir } from './packaged-paths';
import { signalWindowShown } from './ready-signal';
import { contentSecurityPolicy, setupSecurity } from './security';
import { createMainWindow, focusWindow } from './window';

// Every renderer sandboxed, whatever a window's own preferences say.
app.enableSandbox();
// Before ready, or the page's app:// origin would not be a secure, standard one.
registerAppScheme();

// A second copy would start a second engine competing for the same cores and skew both labs.
if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  start();
}

function start(): void {
  // The main bundle is CommonJS in out/main; the worker entries are built beside it (in a package,
  // beside its unpacked copy).
  const lab = new Lab({ entries: builtEntries(unpackedDir(__dirname)), lessons: LAB_LESSONS });
  // The same file as the browser edition's, so progress survives a fall-back from one to the other.
  const preferences = new PreferenceStore(preferencesFile(), { carryOverFrom: legacyPreferenceFiles() });
  // python/ ships unpacked beside the bundle (CpythonEngine finds app.asar.unpacked itself).
  const cpython = new CpythonEngine(__dirname, lab.cores);
  const service = createLabService(lab, { preferences, desktop: desktopCalls(), cpython });
  const renderer = resolveRendererLocation(__dirname, app.isPackaged, process.env['ELECTRON_RENDERER_URL']);
  let window: BrowserWindow | undefined;

  const openWindow = (): void => {
    window = createMainWindow(__dirname, renderer);
    window.once('show', () => signalWindowShown());
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
      if (renderer.rendererDir) serveApp(renderer.rendererDir, contentSecurityPolicy(undefined));
      setupIpc(service, renderer);
      openWindow();
    })
    .catch((error: unknown) => {
      console.error(`GIL Lab could not start: ${error instanceof Error ? error.message : String(error)}`);
      app.exit(1);
    });
}
