/**
 * What the frame-time section's synthetic host streams: the simulated lab's timeline batches for
 * many threads, and real CPython's at the rate its harness can send them. Shapes are the lab's own
 * (src/shared/results.ts); the numbers are invented.
 */
import type { TimelineSegment } from '../src/shared/results';

/** Segments of `workers` threads between `from` and `to` (ms since the step started): one holds the GIL for `holdMs` at a time, the rest wait. */
export function segmentsBetween(workers: number, holdMs: number, from: number, to: number): TimelineSegment[] {
  const holds = new Map<number, [number, number]>();
  for (let slot = Math.floor(from / holdMs); slot * holdMs < to; slot++) {
    holds.set(slot % workers, [Math.max(from, slot * holdMs), Math.min(to, (slot + 1) * holdMs)]);
  }
  const out: TimelineSegment[] = [];
  for (let worker = 0; worker < workers; worker++) {
    const hold = holds.get(worker);
    if (!hold) {
      out.push({ worker, state: 'waiting', start: from, end: to });
      continue;
    }
    if (hold[0] > from) out.push({ worker, state: 'waiting', start: from, end: hold[0] });
    out.push({ worker, state: 'holding', start: hold[0], end: hold[1] });
    if (hold[1] < to) out.push({ worker, state: 'waiting', start: hold[1], end: to });
  }
  return out;
}

/**
 * Real CPython's turns between `from` and `to` (ms): `threads` threads in rotation, a turn every
 * `everyMs` of which the thread runs `runMs` (the rest is the hand-over), one segment per turn,
 * state 'cpython-running' (a thread waiting cannot be seen from inside). Times carry the
 * microsecond digits of the harness's perf_counter stamps, and so their length on the wire.
 */
export function cpythonTurnsBetween(threads: number, everyMs: number, runMs: number, from: number, to: number): TimelineSegment[] {
  const out: TimelineSegment[] = [];
  const stamp = (ms: number): number => Math.round(ms * 1e6) / 1e6;
  for (let turn = Math.ceil(from / everyMs); turn * everyMs < to; turn++) {
    const start = turn * everyMs + Math.random() * 0.01;
    out.push({ worker: turn % threads, state: 'cpython-running', start: stamp(start), end: stamp(start + runMs) });
  }
  return out;
}
