/**
 * Opens the user's browser at the lab's address, as Jupyter does, so someone who has never used a
 * terminal does not have to copy a URL. The address is always printed as well; this is a courtesy
 * and may decline (asked not to, on CI, on a Linux machine with no display) or fail quietly.
 *
 * Hand-written rather than the `open` package: that package ships its own xdg-open script found
 * beside its module, which the bundled host cannot carry, and is ESM-only for a CommonJS bundle.
 */
import { spawn } from 'node:child_process';

export interface OpenContext {
  /** `--no-open` was given. */
  noOpen: boolean;
  env: Readonly<Record<string, string | undefined>>;
  platform: NodeJS.Platform;
}

export type OpenPlan =
  | { open: false; reason: string }
  | { open: true; command: string; args: string[]; viaShell: boolean };

/** Whether and how to open `url`; pure, so every branch is tested. */
export function planOpen(url: string, context: OpenContext): OpenPlan {
  const { env, platform } = context;
  if (context.noOpen) return { open: false, reason: '--no-open was given' };
  const browser = env['BROWSER']?.trim();
  if (browser === 'none') return { open: false, reason: 'BROWSER is "none"' };
  if (env['CI'] && env['CI'] !== 'false' && env['CI'] !== '0') return { open: false, reason: 'running under CI' };
  if (browser) {
    // Like Python's webbrowser module: a command, with %s standing for the address if present.
    const command = browser.includes('%s') ? browser.replace(/%s/g, quoteForShell(url, platform)) : `${browser} ${quoteForShell(url, platform)}`;
    return { open: true, command, args: [], viaShell: true };
  }
  switch (platform) {
    case 'darwin':
      return { open: true, command: 'open', args: [url], viaShell: false };
    case 'win32':
      // No shell in between: the address is handed to the default handler as one argument.
      return { open: true, command: 'rundll32', args: ['url.dll,FileProtocolHandler', url], viaShell: false };
    default:
      if (!env['DISPLAY'] && !env['WAYLAND_DISPLAY']) return { open: false, reason: 'no display (DISPLAY and WAYLAND_DISPLAY are unset)' };
      return { open: true, command: 'xdg-open', args: [url], viaShell: false };
  }
}

function quoteForShell(text: string, platform: NodeJS.Platform): string {
  return platform === 'win32' ? `"${text.replace(/"/g, '')}"` : `'${text.replace(/'/g, `'\\''`)}'`;
}

/** Starts the browser and forgets it; resolves with a sentence when that did not work. */
export function openBrowser(plan: Extract<OpenPlan, { open: true }>): Promise<string | undefined> {
  return new Promise((resolve) => {
    let child;
    try {
      child = spawn(plan.command, plan.args, { detached: true, stdio: 'ignore', shell: plan.viaShell, windowsHide: true });
    } catch (error) {
      resolve(`could not open a browser (${error instanceof Error ? error.message : String(error)})`);
      return;
    }
    // A missing xdg-open arrives as an 'error' event, not an exception.
    child.once('error', (error) => resolve(`could not open a browser (${error.message})`));
    child.once('spawn', () => {
      child.unref();
      resolve(undefined);
    });
  });
}
