import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { IpcMainInvokeEvent } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { APP_INDEX_URL } from './app-url';
import { resolveRendererLocation } from './renderer-location';
import { isTrustedSender } from './trusted-sender';

// The window registry is Electron's; here a plain set of ids stands in for "windows we created".
const ourWindows = new Set<number>([7]);
vi.mock('./window', () => ({
  isAppWindowContents: (contents: { id: number; isDestroyed(): boolean }) => !contents.isDestroyed() && ourWindows.has(contents.id),
}));

const bundleDir = join('/opt', 'gil-lab', 'out', 'main');
const renderer = resolveRendererLocation(bundleDir, true, undefined);
// The built page is served on app://lab (app-url.ts), never from file://.
const ourPage = APP_INDEX_URL;

interface Frame {
  parent: Frame | null;
  processId: number;
  routingId: number;
  url: string;
}

function event(options: { frame?: Partial<Frame> | null; contentsId?: number; destroyed?: boolean; main?: Partial<Frame> }): IpcMainInvokeEvent {
  const main: Frame = { parent: null, processId: 3, routingId: 1, url: ourPage, ...options.main };
  const frame = options.frame === null ? null : { ...main, ...options.frame };
  const sender = { id: options.contentsId ?? 7, isDestroyed: () => options.destroyed ?? false, mainFrame: main };
  return { senderFrame: frame, sender } as unknown as IpcMainInvokeEvent;
}

describe('isTrustedSender', () => {
  it('answers the top frame of our window showing our page', () => {
    expect(isTrustedSender(event({}), renderer)).toBe(true);
    expect(isTrustedSender(event({ frame: { url: `${ourPage}?x=1#results` } }), renderer)).toBe(true);
  });

  it('refuses a frame that is gone', () => {
    expect(isTrustedSender(event({ frame: null }), renderer)).toBe(false);
  });

  it('refuses an iframe, even one showing our page', () => {
    const parent: Frame = { parent: null, processId: 3, routingId: 1, url: ourPage };
    expect(isTrustedSender(event({ frame: { parent, routingId: 2 } }), renderer)).toBe(false);
    expect(isTrustedSender(event({ frame: { parent } }), renderer)).toBe(false);
  });

  it('refuses a window we did not create, or one already destroyed', () => {
    expect(isTrustedSender(event({ contentsId: 8 }), renderer)).toBe(false);
    expect(isTrustedSender(event({ destroyed: true }), renderer)).toBe(false);
  });

  it('refuses a frame that is not the main frame of its window', () => {
    expect(isTrustedSender(event({ frame: { routingId: 9 } }), renderer)).toBe(false);
    expect(isTrustedSender(event({ frame: { processId: 4 } }), renderer)).toBe(false);
  });

  it('refuses our window once it shows another page', () => {
    for (const url of ['https://evil.example/', pathToFileURL('/tmp/index.html').href, 'app://lab/other.html', pathToFileURL(join(bundleDir, '..', 'renderer', 'index.html')).href, 'about:blank', 'not a url']) {
      expect(isTrustedSender(event({ frame: { url }, main: { url } }), renderer), url).toBe(false);
    }
  });
});
