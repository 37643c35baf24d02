/**
 * The browser edition's side of the contract: a LabApi over the host's WebSocket bridge. The
 * call functions are generated from CALL_NAMES so this pipe cannot drift from the IPC one.
 */
import { CALL_NAMES, EVENT_NAMES, type CallName, type ClientFrame, type EventName, type LabApi, type LabEvents } from '../../../shared/api';
import { BRIDGE_PATH, TOKEN_PARAM } from '../../../shared/bridge';
import { fromWire } from '../../../shared/timeline-wire';

/**
 * Where the pipe to the engine stands; the UI shows a banner once it is down.
 * - 'lost': the host is gone (it stopped, or the pipe dropped).
 * - 'refused': the host is running but this tab has no valid token: a tab opened without the
 *   printed address (by hand, a bookmark, a second tab), or one left from a host since restarted.
 */
export type ConnectionState = 'connecting' | 'open' | 'lost' | 'refused';

/** True once no call can reach the engine any more. */
export const connectionDown = (state: ConnectionState): boolean => state === 'lost' || state === 'refused';

/** The sentence shown (and used to reject calls) once the host is gone. */
export const HOST_STOPPED = "The lab's host stopped; restart it with npm run web";

/** The sentence shown (and used to reject calls) when the host refused this tab's token. */
export function needsAddress(host: string): string {
  return `This tab has no key to the lab: open it with the address the host printed when it started (http://${host}/?${TOKEN_PARAM}=…), not the bare page`;
}

/** How long the check "is the host still there?" may take before the answer is "no". */
export const PROBE_MS = 3000;

interface ClientOptions {
  /** The page's host (for the sentence above). */
  host: string;
  /**
   * Answers whether the host still serves pages. Asked when the bridge closes before it ever
   * opened: a browser hides why an upgrade failed, and a refused token looks like a host gone.
   */
  hostAnswers: () => Promise<boolean>;
}

interface Pending {
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
}

type Listener = (payload: LabEvents[EventName]) => void;

function hasToken(url: string): boolean {
  try {
    return (new URL(url).searchParams.get(TOKEN_PARAM) ?? '') !== '';
  } catch {
    return false;
  }
}

/** The bridge address for this page: same host, with the tab's token (see page-token.ts). */
export function bridgeUrl(location: Pick<Location, 'protocol' | 'host'>, token: string): string {
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
  return `${scheme}://${location.host}${BRIDGE_PATH}?${TOKEN_PARAM}=${encodeURIComponent(token)}`;
}

/** The page's own address answered: whatever the status, the host is running. */
export function pageAnswers(origin: string): Promise<boolean> {
  return fetch(`${origin}/`, { method: 'HEAD', cache: 'no-store', credentials: 'same-origin', signal: AbortSignal.timeout(PROBE_MS) }).then(
    () => true,
    () => false,
  );
}

/**
 * Opens the bridge and returns a LabApi over it. Calls made before the socket opens are queued,
 * so the UI can call at once; after the socket closes every call rejects with the reason (host
 * gone, or this tab refused). An empty token is refused without trying: the host demands one.
 */
export function createWsClient(url: string, onState: (state: ConnectionState) => void, options?: ClientOptions): LabApi {
  let state: ConnectionState = 'connecting';
  let opened = false;
  let nextId = 1;
  const pending = new Map<number, Pending>();
  const queue: string[] = [];
  const listeners = new Map<EventName, Set<Listener>>(EVENT_NAMES.map((name) => [name, new Set<Listener>()]));

  const setState = (next: ConnectionState): void => {
    if (state === next) return;
    state = next;
    onState(next);
  };

  const downReason = (): string => (state === 'refused' && options ? needsAddress(options.host) : HOST_STOPPED);
  const refuse = (): void => {
    setState('refused');
    queue.length = 0;
    for (const call of pending.values()) call.reject(new Error(downReason()));
    pending.clear();
  };

  let socket: WebSocket | undefined;
  if (options && !hasToken(url)) {
    queueMicrotask(refuse);
    return buildApi();
  }
  try {
    socket = new WebSocket(url);
  } catch {
    // A malformed URL (no host) must end in the banner, not an uncaught throw at start-up.
    queueMicrotask(() => lose(HOST_STOPPED));
    return buildApi();
  }

  const open = socket;
  open.addEventListener('open', () => {
    opened = true;
    setState('open');
    for (const frame of queue.splice(0)) open.send(frame);
  });
  open.addEventListener('message', (message) => handleFrame(message.data));
  open.addEventListener('close', (event) => {
    queue.length = 0;
    if (!opened && options) {
      // Never opened: the host refused the token if it still answers for its page.
      const asked = options.hostAnswers().catch(() => false);
      void asked.then((up) => (up ? refuse() : lose(HOST_STOPPED)));
      return;
    }
    lose(typeof event.reason === 'string' && event.reason !== '' ? event.reason : HOST_STOPPED);
  });

  function lose(reason: string): void {
    setState('lost');
    // The host names its reason when it closes a page on purpose (too many pages open).
    for (const call of pending.values()) call.reject(new Error(reason));
    pending.clear();
  }

  function handleFrame(data: unknown): void {
    if (typeof data !== 'string') return;
    let frame: unknown;
    try {
      frame = JSON.parse(data);
    } catch {
      return;
    }
    if (typeof frame !== 'object' || frame === null) return;
    if ('id' in frame && 'reply' in frame) {
      const { id, reply } = frame as { id: number; reply: { ok: boolean; value?: unknown; error?: unknown } };
      const call = pending.get(id);
      if (!call) return;
      pending.delete(id);
      if (reply && reply.ok) call.resolve(reply.value);
      else call.reject(new Error(typeof reply?.error === 'string' ? reply.error : 'the lab refused the call'));
      return;
    }
    if ('event' in frame && 'payload' in frame) {
      const { event, payload: sent } = frame as { event: EventName; payload: unknown };
      // Timeline batches come packed (see timeline-wire.ts); one that does not check out is dropped whole.
      const payload = (event === 'run' ? fromWire(sent) : sent) as LabEvents[EventName] | null;
      if (payload === null) return;
      for (const listener of listeners.get(event) ?? []) {
        try {
          listener(payload);
        } catch (error) {
          // One failing panel must not starve the others of events.
          console.error(error);
        }
      }
    }
  }

  function send(call: CallName, input: unknown): Promise<unknown> {
    if (connectionDown(state)) return Promise.reject(new Error(downReason()));
    const id = nextId++;
    const frame: ClientFrame = input === undefined ? { id, call } : { id, call, input };
    const text = JSON.stringify(frame);
    return new Promise((resolve, reject) => {
      pending.set(id, { resolve, reject });
      if (socket?.readyState === WebSocket.OPEN) socket.send(text);
      else queue.push(text);
    });
  }

  function buildApi(): LabApi {
    const calls = Object.fromEntries(CALL_NAMES.map((name) => [name, (input?: unknown) => send(name, input)]));
    const on = <E extends EventName>(event: E, listener: (payload: LabEvents[E]) => void): (() => void) => {
      const set = listeners.get(event);
      if (!set) return () => {};
      const wrapped = listener as Listener;
      set.add(wrapped);
      return () => set.delete(wrapped);
    };
    return { ...calls, on } as unknown as LabApi;
  }

  return buildApi();
}
