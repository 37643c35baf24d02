/**
 * One page's WebSocket: frames in, replies and events out, within the host's limits. A page that
 * floods calls is answered with a refusal per call; a page that stops reading or answering pings
 * is closed, so no client can make the host hold its memory or its sockets.
 */
import type { WebSocket } from 'ws';
import type { CallName, CallReply, ServerFrame } from '../../shared/api';
import { clientFrameSchema, NO_FRAME_ID } from '../../shared/bridge';
import type { RunEvent } from '../../shared/results';
import { toWire } from '../../shared/timeline-wire';
import type { LabService } from '../../engine/service';
import { CLOSE, type HostLimits } from './limits';

/** The reply to a text that is not a frame; carries the frame's id when one could be read. */
export const NOT_A_FRAME = 'the lab expects a JSON text frame {"id": <integer>, "call": <name>, "input": <value>}';

export const tooManyCalls = (max: number): string =>
  `this page has ${max} calls waiting for a reply; wait for them before sending more`;

/** Time a socket closed for not reading gets to take its close frame before it is cut. */
const CLOSE_GRACE_MS = 1000;

export interface BridgeOptions {
  ws: WebSocket;
  client: string;
  service: LabService;
  limits: HostLimits;
  /** Called once, when the socket has gone for whatever reason. */
  onGone(): void;
}

export function bridge({ ws, client, service, limits, onGone }: BridgeOptions): void {
  let inFlight = 0;
  let alive = true;

  const send = (frame: ServerFrame): void => {
    if (ws.readyState !== ws.OPEN) return;
    const text = JSON.stringify(frame);
    if (ws.bufferedAmount + text.length > limits.maxBufferedBytes) {
      // The page is not reading (frozen tab, paused debugger, a hostile client): holding more for
      // it would grow the host without bound, so it is closed and may reload.
      ws.close(CLOSE.notReading.code, CLOSE.notReading.reason);
      setTimeout(() => ws.terminate(), CLOSE_GRACE_MS).unref();
      return;
    }
    ws.send(text);
  };
  const reply = (id: number, answer: CallReply<CallName>): void => send({ id, reply: answer });

  // Timeline batches go packed: a third of the bytes, and so of the page's reads (see timeline-wire.ts).
  service.attach(client, (event, payload) => send({ event, payload: event === 'run' ? toWire(payload as RunEvent) : payload }));

  ws.on('message', (data, isBinary) => {
    const frame = isBinary ? undefined : readFrame(data.toString());
    if (!frame || typeof frame.call !== 'string') {
      reply(frame?.id ?? NO_FRAME_ID, { ok: false, error: NOT_A_FRAME });
      return;
    }
    if (inFlight >= limits.maxCallsInFlight) {
      reply(frame.id, { ok: false, error: tooManyCalls(limits.maxCallsInFlight) });
      return;
    }
    inFlight++;
    void service
      .call(frame.call, frame.input, client)
      .catch((error: unknown) => ({ ok: false as const, error: `the lab could not do that: ${error instanceof Error ? error.message : String(error)}` }))
      .then((answer) => {
        inFlight--;
        reply(frame.id, answer);
      });
  });

  ws.on('pong', () => {
    alive = true;
  });
  const heartbeat = setInterval(() => {
    if (!alive) {
      ws.terminate();
      return;
    }
    alive = false;
    ws.ping();
  }, limits.heartbeatMs);
  heartbeat.unref();

  ws.once('close', () => {
    clearInterval(heartbeat);
    service.detach(client);
    onGone();
  });
  // The socket's own errors (a reset, a bad frame) end only this page's connection.
  ws.on('error', () => ws.terminate());
}

/**
 * A frame as far as it could be read: undefined for what is not a JSON object with an integer id;
 * an id without a valid call still gets its refusal addressed, so the page's call does not hang.
 */
function readFrame(text: string): { id: number; call?: string; input?: unknown } | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  const parsed = clientFrameSchema.safeParse(value);
  if (parsed.success) return parsed.data;
  const id = clientFrameSchema.shape.id.safeParse(typeof value === 'object' && value !== null ? (value as { id?: unknown }).id : undefined);
  return id.success ? { id: id.data } : undefined;
}
