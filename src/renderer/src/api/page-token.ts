/**
 * The bridge token of this tab. The printed address carries it once; the page keeps it in
 * sessionStorage and takes it out of the address bar, so a projected screen or a screenshot never
 * shows it, and a reload still connects.
 *
 * Why sessionStorage: it belongs to this origin (scheme, host and port) and this tab, is never sent
 * to any server, and survives a reload. The alternatives are worse: the page cookie reaches every
 * server on 127.0.0.1 (cookies are not tied to a port), so the host lets it open only the page and
 * its files, never the bridge; and a token left in the address bar is read off the projector.
 */
import { TOKEN_PARAM } from '../../../shared/bridge';

export const TOKEN_STORAGE_KEY = 'gil-lab-token';

type TabStorage = Pick<Storage, 'getItem' | 'setItem'>;
type TabHistory = Pick<History, 'replaceState' | 'state'>;

/** Reads the token from the address (then removes it there) or, after a reload, from the tab. */
export function takeToken(href: string, history: TabHistory, storage: TabStorage | undefined): string {
  let url: URL;
  try {
    url = new URL(href);
  } catch {
    return '';
  }
  const fromAddress = url.searchParams.get(TOKEN_PARAM);
  if (fromAddress === null) return read(storage) ?? '';
  // Only once the tab holds the token may the address drop it; otherwise a reload would lose it.
  if (write(storage, fromAddress)) {
    url.searchParams.delete(TOKEN_PARAM);
    try {
      history.replaceState(history.state, '', `${url.pathname}${url.search}${url.hash}`);
    } catch {
      // The address keeps the token; the lab works all the same.
    }
  }
  return fromAddress;
}

/** The tab's sessionStorage, or undefined where the browser refuses it (a privacy setting). */
export function tabStorage(): TabStorage | undefined {
  try {
    return window.sessionStorage;
  } catch {
    return undefined;
  }
}

function read(storage: TabStorage | undefined): string | null {
  try {
    return storage?.getItem(TOKEN_STORAGE_KEY) ?? null;
  } catch {
    return null;
  }
}

function write(storage: TabStorage | undefined, token: string): boolean {
  try {
    if (!storage) return false;
    storage.setItem(TOKEN_STORAGE_KEY, token);
    return storage.getItem(TOKEN_STORAGE_KEY) === token;
  } catch {
    return false;
  }
}
