/**
 * The page's only door to the lab: `window.gilLab`, one named function per call of the contract
 * and a subscriber for its events. Nothing generic is exposed (no `invoke(channel)`, no
 * ipcRenderer), so a script in the page can reach exactly the calls listed in src/shared/api.ts
 * and nothing else. Sandboxed: this file may import only electron and the contract's constants.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { CALL_NAMES, EVENT_NAMES, type CallName, type CallReply, type EventName, type LabApi, type LabEvents } from '../shared/api';

type Calls = Omit<LabApi, 'on'>;

/** Turns the reply on the wire back into a value or a rejected Error with the lab's sentence. */
function callFor(name: CallName): (input?: unknown) => Promise<unknown> {
  const channel = `lab:${name}`;
  return async (input?: unknown) => {
    const reply = (await ipcRenderer.invoke(channel, input)) as CallReply<CallName>;
    if (!reply.ok) throw new Error(reply.error);
    return reply.value;
  };
}

const isEventName = (name: unknown): name is EventName => typeof name === 'string' && (EVENT_NAMES as readonly string[]).includes(name);

function on<E extends EventName>(event: E, listener: (payload: LabEvents[E]) => void): () => void {
  if (!isEventName(event)) throw new Error(`unknown lab event "${String(event)}"; choose one of: ${EVENT_NAMES.join(', ')}`);
  if (typeof listener !== 'function') throw new TypeError('the listener must be a function');
  const channel = `lab:event:${event}`;
  // The IpcRendererEvent stays here: it carries the sender and ports, which are not the page's.
  const relay = (_event: IpcRendererEvent, payload: LabEvents[E]): void => listener(payload);
  ipcRenderer.on(channel, relay);
  return () => {
    ipcRenderer.removeListener(channel, relay);
  };
}

// The cast holds because CALL_NAMES lists every call; this line stops compiling if one is missing.
const everyCallListed: Exclude<CallName, (typeof CALL_NAMES)[number]> extends never ? true : never = true;
const calls = Object.fromEntries(CALL_NAMES.map((name) => [name, callFor(name)])) as Calls;
const api: LabApi = { ...calls, on };
void everyCallListed;

contextBridge.exposeInMainWorld('gilLab', api);
