/**
 * A timeline batch as the browser bridge carries it: one flat array of numbers, four per segment
 * (worker, state code, start, end), instead of an object per segment whose keys are most of its
 * text. The page's Chromium reads a WebSocket 1000 bytes at a time until the stream is fast, and
 * every read is a task of its own on the page's main thread: a 64-row batch as objects took ten
 * of them per update (bench frame-time, CPU profile); packed it takes a third of the bytes. Numbers
 * are written as they are, so nothing is rounded. Electron's IPC clones objects and keeps the
 * plain RunEvent; the page takes either form.
 */
import { WORKER_STATES, type WorkerState } from './gil-layout';
import { REAL_THREAD_STATES, type RealThreadState } from './python-schemas';
import type { RunEvent, TimelineSegment } from './results';

/** A segment's state as a number on the wire: its index here (the GIL's own codes first, see STATE_CODE). */
export const WIRE_STATES = [...WORKER_STATES, ...REAL_THREAD_STATES] as const satisfies readonly (WorkerState | RealThreadState)[];
/** Numbers per segment on the wire. */
export const WIRE_STRIDE = 4;
/** Highest worker number a batch may name (the page keeps no more rows). */
export const WIRE_MAX_WORKER = 4096;
/** Most segments one batch may carry: far above any real batch (a 0.1 ms interval for 150 ms on 64 workers). */
export const WIRE_MAX_SEGMENTS = 500_000;

type TimelineEvent = Extract<RunEvent, { type: 'timeline' }>;

/** A timeline event on the bridge: the event without its segments, and the segments packed. */
export type TimelineWire = Omit<TimelineEvent, 'segments'> & { packed: number[] };

const CODE = new Map<string, number>(WIRE_STATES.map((state, code) => [state, code]));

/** The event as the bridge sends it: a timeline batch packed, anything else as it is. */
export function toWire(event: RunEvent): RunEvent | TimelineWire {
  if (event.type !== 'timeline') return event;
  const { segments, ...rest } = event;
  const packed = new Array<number>(segments.length * WIRE_STRIDE);
  let at = 0;
  for (const s of segments) {
    packed[at++] = s.worker;
    packed[at++] = CODE.get(s.state) ?? 0;
    packed[at++] = s.start;
    packed[at++] = s.end;
  }
  return { ...rest, packed };
}

/**
 * Segments from a packed array, in one pass that gives up at the first value off: whole numbers
 * for the worker and state, finite times, the length a multiple of the stride and within the cap.
 * Null when anything is off (the batch is dropped whole, never drawn in part).
 */
export function unpackSegments(packed: unknown): TimelineSegment[] | null {
  if (!Array.isArray(packed) || packed.length % WIRE_STRIDE !== 0 || packed.length > WIRE_MAX_SEGMENTS * WIRE_STRIDE) return null;
  const values = packed as unknown[];
  const segments = new Array<TimelineSegment>(values.length / WIRE_STRIDE);
  for (let i = 0, n = 0; i < values.length; i += WIRE_STRIDE, n++) {
    const worker = values[i];
    const code = values[i + 1];
    const start = values[i + 2];
    const end = values[i + 3];
    if (!Number.isInteger(worker) || (worker as number) < 0 || (worker as number) > WIRE_MAX_WORKER) return null;
    if (!Number.isInteger(code) || (code as number) < 0 || (code as number) >= WIRE_STATES.length) return null;
    if (typeof start !== 'number' || typeof end !== 'number' || !Number.isFinite(start) || !Number.isFinite(end)) return null;
    segments[n] = { worker: worker as number, state: WIRE_STATES[code as number] as WorkerState | RealThreadState, start, end };
  }
  return segments;
}

/**
 * A run event as the page received it: a packed timeline batch back as the plain event, anything
 * else as it came. Null for a packed batch that does not check out.
 */
export function fromWire(payload: unknown): RunEvent | null {
  if (typeof payload !== 'object' || payload === null || !('packed' in payload)) return payload as RunEvent;
  const { packed, ...rest } = payload as TimelineWire;
  if (rest.type !== 'timeline') return null;
  const segments = unpackSegments(packed);
  return segments ? { ...rest, segments } : null;
}
