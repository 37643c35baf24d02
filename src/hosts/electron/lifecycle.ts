/**
 * How the app starts and, above all, how it ends: the lab may have child processes burning every
 * core, and none of them may outlive the window, whichever way the app is closed.
 */
import { app } from 'electron';
import { killAllChildren } from '../../engine/children';

/** Longest we wait for a run to wind down before the app quits anyway. */
const DISPOSE_TIMEOUT_MS = 3000;

export interface LifecycleHooks {
  /** A second launch: show the window we already have. */
  onSecondInstance(): void;
  /** Opens a window when the app has none (macOS dock click). */
  onActivateWithoutWindows(): void;
  /** Stops runs and samplers; may take a moment. */
  dispose(): Promise<void>;
}

export function setupLifecycle(hooks: LifecycleHooks): void {
  app.on('second-instance', () => hooks.onSecondInstance());
  app.on('activate', (_event, hasVisibleWindows) => {
    if (!hasVisibleWindows) hooks.onActivateWithoutWindows();
  });

  // Also on macOS: an app with no window but live workers would heat a laptop for nothing.
  app.on('window-all-closed', () => app.quit());

  // Cleanup waits for will-quit rather than before-quit: a window can still cancel a quit at
  // before-quit, and the app must not carry on with a disposed lab.
  let disposed = false;
  app.on('will-quit', (event) => {
    if (disposed) return;
    event.preventDefault();
    void bounded(hooks.dispose(), DISPOSE_TIMEOUT_MS).finally(() => {
      disposed = true;
      killAllChildren();
      app.quit();
    });
  });
  // The last word, whatever happened above.
  app.on('quit', () => killAllChildren());

  // Ctrl+C in the terminal of `npm start`, or a SIGTERM from a supervisor: quit the normal way,
  // so the cleanup above runs instead of the process simply dying.
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, () => app.quit());
}

function bounded(work: Promise<void>, ms: number): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    work.catch((error: unknown) => console.error(`GIL Lab: cleanup failed: ${error instanceof Error ? error.message : String(error)}`)).finally(() => {
      clearTimeout(timer);
      resolve();
    });
  });
}
