/**
 * The only code in main that touches raw IPC. Each call of the contract gets its own channel,
 * `lab:<name>`; the handler checks the sender, then hands the untouched input to the lab service,
 * which validates it with the shared schema. Events go back on `lab:event:<name>`.
 */
import { ipcMain, type WebContents } from 'electron';
import { CALL_NAMES, type CallName, type CallReply } from '../../shared/api';
import type { LabService } from '../../engine/service';
import type { RendererLocation } from './renderer-location';
import { isTrustedSender } from './trusted-sender';

export const callChannel = (name: CallName): string => `lab:${name}`;
export const eventChannel = (name: string): string => `lab:event:${name}`;

const REFUSED: CallReply<CallName> = { ok: false, error: 'this page is not allowed to use the lab' };

export function setupIpc(service: LabService, renderer: RendererLocation): void {
  for (const name of CALL_NAMES) {
    ipcMain.handle(callChannel(name), async (event, input: unknown): Promise<CallReply<CallName>> => {
      if (!isTrustedSender(event, renderer)) {
        console.warn(`GIL Lab: refused "${name}" from ${(event.senderFrame?.url ?? 'a frame that is gone').slice(0, 200)}`);
        return REFUSED;
      }
      return service.call(name, input, clientId(event.sender));
    });
  }
}

/**
 * Streams the lab's events to a window for as long as it shows our page. Each new page load starts
 * a fresh client, so core watchers of the page that was there before do not linger; a reload
 * keeps the run, a crash or a close cancels it.
 */
export function connectWindow(service: LabService, contents: WebContents, renderer: RendererLocation): void {
  const id = clientId(contents);
  const attach = (): void =>
    service.attach(id, (event, payload) => {
      if (contents.isDestroyed() || !renderer.owns(contents.mainFrame.url)) return;
      contents.send(eventChannel(event), payload);
    });

  attach();
  contents.on('did-navigate', () => {
    service.detach(id);
    attach();
  });
  // A crashed renderer or a closed window leaves nobody to watch the run: it is cancelled, so no
  // worker keeps burning a core (the browser edition waits a grace period for a reload instead).
  const gone = (): void => {
    service.detach(id);
    void service.call('cancelRun', undefined, id);
  };
  contents.on('render-process-gone', gone);
  contents.once('destroyed', gone);
}

const clientId = (contents: WebContents): string => String(contents.id);
