/**
 * The browser edition's side of the contract: a LabApi over the host's WebSocket bridge. The
 * call functions are generated from CALL_NAMES so this pipe cannot drift from the IPC one.
 */
import { CALL_NAMES, EVENT_NAMES, type CallName, type ClientFrame, type EventName, type LabApi, type LabEvents } from '../../../shared/api';
import { BRIDGE_PATH, TOKEN_PARAM } from '../../../shared/bridge';

/** Where the pipe to the engine stands; the UI shows a banner once it is lost. */
export type ConnectionState = 'connecting' | 'open' | 'lost';

/** The sentence shown (and used to reject calls) once the host is gone. */
export const HOST_STOPPED = "The lab's host stopped; restart it with npm run web";

interface Pending {
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
}

type Listener = (payload: LabEvents[EventName]) => void;

/** The bridge address for this page: same host, with the tab's token (see page-token.ts). */
export function bridgeUrl(location: Pick<Location, 'protocol' | 'host'>, token: string): string {
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
  return `${scheme}://${location.host}${BRIDGE_PATH}?${TOKEN_PARAM}=${encodeURIComponent(token)}`;
}

/**
 * Opens the bridge and returns a LabApi over it. Calls made before the socket opens are queued,
 * so the UI can call at once; after the socket closes every call rejects with HOST_STOPPED.
 */
export function createWsClient(url: string, onState: (state: ConnectionState) => void): LabApi {
  let state: ConnectionState = 'connecting';
  let nextId = 1;
  const pending = new Map<number, Pending>();
  const queue: string[] = [];
  const listeners = new Map<EventName, Set<Listener>>(EVENT_NAMES.map((name) => [name, new Set<Listener>()]));

  const setState = (next: ConnectionState): void => {
    if (state === next) return;
    state = next;
    onState(next);
  };

  let socket: WebSocket;
  try {
    socket = new WebSocket(url);
  } catch {
    // A malformed URL (no host) must end in the banner, not an uncaught throw at start-up.
    queueMicrotask(() => setState('lost'));
    return buildApi();
  }

  socket.addEventListener('open', () => {
    setState('open');
    for (const frame of queue.splice(0)) socket.send(frame);
  });
  socket.addEventListener('message', (message) => handleFrame(message.data));
  socket.addEventListener('close', (event) => {
    setState('lost');
    queue.length = 0;
    // The host names its reason when it closes a page on purpose (too many pages open).
    const reason = typeof event.reason === 'string' && event.reason !== '' ? event.reason : HOST_STOPPED;
    for (const call of pending.values()) call.reject(new Error(reason));
    pending.clear();
  });

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
      const { event, payload } = frame as { event: EventName; payload: LabEvents[EventName] };
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
    if (state === 'lost') return Promise.reject(new Error(HOST_STOPPED));
    const id = nextId++;
    const frame: ClientFrame = input === undefined ? { id, call } : { id, call, input };
    const text = JSON.stringify(frame);
    return new Promise((resolve, reject) => {
      pending.set(id, { resolve, reject });
      if (socket.readyState === WebSocket.OPEN) socket.send(text);
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
