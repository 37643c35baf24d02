/**
 * Layout of the shared memory that one simulated interpreter's GIL lives in. Every worker_thread
 * of a "threads" run maps the same SharedArrayBuffer; a process creates its own (its own GIL).
 * Modelled on the state struct of CPython's Include/internal/pycore_gil.h.
 */

/** Int32 word indices of the lock state. */
export const GIL = {
  /** 1 while some worker holds the lock. The only word that decides ownership (CAS 0 -> 1). */
  LOCKED: 0,
  /** Id of the last holder (gil->last_holder), -1 before the first. Ownership is LOCKED alone. */
  HOLDER: 1,
  /** Set by a waiter whose interval ran out with no switch: "please drop the GIL". */
  DROP_REQUEST: 2,
  /** Incremented on every acquisition, like gil->switch_number; FORCE_SWITCHING waits on it. */
  SWITCH_NUMBER: 3,
  /** Switch interval in microseconds (sys.setswitchinterval). */
  INTERVAL_US: 4,
  /** Set by the engine to make every worker stop at its next check. */
  CANCEL: 5,
  /** Set by the engine once every worker is ready, so all start together. */
  GO: 6,
  /** Number of workers currently blocked waiting for the lock. */
  WAITERS: 7,
  /** Holders inside the critical section right now; must never exceed 1 (checked, not assumed). */
  OCCUPANCY: 8,
  /** Times OCCUPANCY was found above 1. Reported with every run; a correct lock keeps it at 0. */
  VIOLATIONS: 9,
  /** Total drops made because a waiter asked (forced switches). */
  FORCED_SWITCHES: 10,
  /** The shared reference count of the lost-update lesson (ob_refcnt of one object). */
  REFCOUNT: 11,
  /** MyMutex of the deadlock lesson: 0 free, else holder id + 1. */
  MUTEX: 12,
  /** The Python-level `counter` of the counter-race lesson (a global int, not a reference count). */
  COUNTER: 13,
  /** That lesson's threading.Lock: 0 free, else holder id + 1. */
  LOCK: 14,
  /** Threads blocked on that lock: its release wakes one (and pays for it) only while there are some. */
  LOCK_WAITERS: 15,
  /** Threads of the lost-update race that have reached its start line (see workers' start-line.ts). */
  AT_START: 16,
  /** Words in the header, before the per-worker slots. */
  HEADER_WORDS: 17,
} as const;

/** Int32 words per worker slot, after the header. */
export const SLOT = {
  /** Current WorkerState code, read by nobody on the hot path; useful in a debugger. */
  STATE: 0,
  /** What the worker is blocked on (RESOURCE code, 0 = nothing): the engine's wait-for graph. */
  WAITS_FOR: 1,
  /** Bit set of RESOURCE codes the worker holds. */
  HOLDS: 2,
  /** Futures done: a pipeline thread's one (0 while its CPU stage runs in the pool, 1 once in), or an event loop's count. */
  FUTURE: 3,
  WORDS: 4,
} as const;

/** Locks a worker can hold or wait for, as bits, for deadlock detection. */
export const RESOURCE = { GIL: 1, MUTEX: 2 } as const;
export const RESOURCE_NAMES: Readonly<Record<number, string>> = { 1: 'the GIL', 2: 'MyMutex' };

/** What a worker is doing, as drawn on the lock timeline. */
export const WORKER_STATES = ['idle', 'holding', 'waiting', 'io', 'free', 'done', 'blocked'] as const;
export type WorkerState = (typeof WORKER_STATES)[number];

/** Numeric codes of WorkerState, for shared memory and compact timeline batches. */
export const STATE_CODE: Readonly<Record<WorkerState, number>> = {
  idle: 0,
  holding: 1,
  waiting: 2,
  io: 3,
  free: 4,
  done: 5,
  /** Blocked on a lock other than the GIL (the deadlock lesson's MyMutex). */
  blocked: 6,
};

/** How many workers' slots a GIL's words were made for: the threads that share it. */
export function workersSharing(words: Int32Array): number {
  return Math.floor((words.length - GIL.HEADER_WORDS) / SLOT.WORDS);
}

/** Bytes needed for a GIL shared by `workers` workers. */
export function gilBufferBytes(workers: number): number {
  return (GIL.HEADER_WORDS + workers * SLOT.WORDS) * Int32Array.BYTES_PER_ELEMENT;
}

/** Word index of a worker's slot field. */
export function slotIndex(worker: number, field: number): number {
  return GIL.HEADER_WORDS + worker * SLOT.WORDS + field;
}

/** A fresh, free GIL for `workers` workers with the given switch interval. */
export function createGilBuffer(workers: number, switchIntervalUs: number): SharedArrayBuffer {
  const buffer = new SharedArrayBuffer(gilBufferBytes(workers));
  const words = new Int32Array(buffer);
  words[GIL.HOLDER] = -1;
  words[GIL.INTERVAL_US] = Math.max(1, Math.round(switchIntervalUs));
  return buffer;
}
