/**
 * Who may call the lab: only the top frame of one of our own windows, showing our own page. An
 * iframe, a window we did not create, or a page that somehow navigated elsewhere is answered with
 * a refusal, never with a call to the engine.
 */
import type { IpcMainInvokeEvent } from 'electron';
import type { RendererLocation } from './renderer-location';
import { isAppWindowContents } from './window';

export function isTrustedSender(event: IpcMainInvokeEvent, renderer: RendererLocation): boolean {
  // Null once the sending frame has navigated away or been destroyed: its page is no longer ours.
  const frame = event.senderFrame;
  if (!frame || frame.parent !== null) return false;
  const contents = event.sender;
  if (!isAppWindowContents(contents)) return false;
  // Distinct WebFrameMain objects may stand for the same frame; the (process, routing) pair is
  // what identifies it.
  const main = contents.mainFrame;
  if (frame.processId !== main.processId || frame.routingId !== main.routingId) return false;
  return renderer.owns(frame.url);
}
