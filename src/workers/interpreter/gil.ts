/**
 * The simulated GIL, after CPython's "new GIL" (Python/ceval_gil.c, since 3.2).
 *
 * - take(): a thread that wants the lock waits on it for at most the switch interval. If the
 *   interval ran out and no switch happened meanwhile, it sets the drop request and keeps waiting.
 * - The holder calls checkpoint() between chunks of work, where CPython's eval loop checks its
 *   eval breaker; a pending drop request makes it drop the lock and take it again.
 * - FORCE_SWITCHING: after a forced drop the old holder waits until another thread has really
 *   taken the lock, so it cannot win it straight back.
 * - Waiting is Atomics.wait: a blocked thread sleeps in the kernel and leaves its core idle, as a
 *   thread blocked on CPython's condition variable does.
 *
 * Ownership is decided by one compare-and-swap on LOCKED; OCCUPANCY counts holders inside the
 * critical section so a broken lock would show up as VIOLATIONS in every run's results.
 */
import { GIL, RESOURCE, STATE_CODE, slotIndex, SLOT, type WorkerState } from '../../shared/gil-layout';
import { MAX_SAMPLES } from '../../shared/worker-protocol';
import type { StateRecorder } from './recorder';

/** Thrown from a wait or a checkpoint once the engine has cancelled the run. */
export class Cancelled extends Error {
  constructor() {
    super('cancelled');
  }
}

export class GilClient {
  private readonly words: Int32Array;
  /** The engine's words: its start signal and its cancel (the lock's own words unless the lock lives apart). */
  private readonly control: Int32Array;
  acquisitions = 0;
  forcedDrops = 0;
  /** Acquisitions that followed another holder: what CPython counts as a switch. */
  switchesIn = 0;
  /** Length of each hold and of each contended wait, ms (for the switch-interval lesson). */
  readonly holds: number[] = [];
  readonly waits: number[] = [];
  private holding = false;
  private heldSince = 0;

  constructor(
    buffer: SharedArrayBuffer,
    readonly id: number,
    private readonly recorder: StateRecorder,
    /** State drawn while holding: 'holding' under a shared GIL, 'free' in a process of its own. */
    private readonly runningState: WorkerState = 'holding',
    /** false: a free-threaded interpreter. take() and drop() only mark the timeline. */
    readonly locking = true,
    /** Where the engine's start and cancel words are, when this lock is not in the engine's memory (a subinterpreter's own GIL). */
    controlBuffer: SharedArrayBuffer = buffer,
  ) {
    this.words = new Int32Array(buffer);
    this.control = controlBuffer === buffer ? this.words : new Int32Array(controlBuffer);
  }

  get words32(): Int32Array {
    return this.words;
  }

  get held(): boolean {
    return this.holding;
  }

  cancelled(): boolean {
    return Atomics.load(this.control, GIL.CANCEL) !== 0;
  }

  /** Blocks until the engine says go (every worker ready), or the run is cancelled. */
  awaitGo(): void {
    const w = this.control;
    while (Atomics.load(w, GIL.GO) === 0) {
      if (this.cancelled()) throw new Cancelled();
      Atomics.wait(w, GIL.GO, 0, 100);
    }
  }

  /** take_gil(): returns holding the lock, or throws Cancelled. */
  take(): void {
    const w = this.words;
    if (!this.locking) {
      if (this.cancelled()) throw new Cancelled();
      this.holding = true;
      this.setState(this.runningState);
      return;
    }
    if (Atomics.compareExchange(w, GIL.LOCKED, 0, 1) !== 0) {
      // Only a contended take is waiting; a free lock is taken without a pause, as in CPython.
      this.setState('waiting');
      const waitStart = this.recorder.now();
      this.publishWait(RESOURCE.GIL);
      Atomics.add(w, GIL.WAITERS, 1);
      try {
        for (;;) {
          if (this.cancelled()) throw new Cancelled();
          const switchNumber = Atomics.load(w, GIL.SWITCH_NUMBER);
          const intervalMs = Atomics.load(w, GIL.INTERVAL_US) / 1000;
          const outcome = Atomics.wait(w, GIL.LOCKED, 1, intervalMs);
          // A long wait still reaches the timeline while it lasts, not only once it ends.
          this.recorder.tick();
          if (Atomics.compareExchange(w, GIL.LOCKED, 0, 1) === 0) break;
          // A whole interval passed and nobody else got the lock either: ask the holder to drop it.
          if (outcome === 'timed-out' && Atomics.load(w, GIL.SWITCH_NUMBER) === switchNumber) {
            Atomics.store(w, GIL.DROP_REQUEST, 1);
          }
        }
      } finally {
        Atomics.sub(w, GIL.WAITERS, 1);
        this.publishWait(0);
      }
      sample(this.waits, this.recorder.now() - waitStart);
    }
    if (Atomics.add(w, GIL.OCCUPANCY, 1) !== 0) Atomics.add(w, GIL.VIOLATIONS, 1);
    this.holding = true;
    const previous = Atomics.exchange(w, GIL.HOLDER, this.id);
    this.acquisitions++;
    this.heldSince = this.recorder.now();
    this.publishHolds(RESOURCE.GIL, true);
    // The request was for whoever held the lock before us; it is answered now.
    Atomics.store(w, GIL.DROP_REQUEST, 0);
    // Only a new holder is a switch (take_gil bumps switch_number only when last_holder changes):
    // a thread taking the lock back after its own I/O leaves the waiters' intervals running.
    if (previous !== this.id) {
      this.switchesIn++;
      Atomics.add(w, GIL.SWITCH_NUMBER, 1);
      Atomics.notify(w, GIL.SWITCH_NUMBER);
    }
    this.setState(this.runningState);
  }

  /** drop_gil(). `next` is the state the worker goes to (I/O, waiting, done). */
  drop(next: WorkerState, forced = false): void {
    const w = this.words;
    if (!this.holding) return;
    if (!this.locking) {
      this.holding = false;
      this.setState(next);
      return;
    }
    sample(this.holds, this.recorder.now() - this.heldSince);
    this.publishHolds(RESOURCE.GIL, false);
    // Stamp the end of the hold before letting go, so the timeline can never show two holders.
    this.setState(next);
    Atomics.sub(w, GIL.OCCUPANCY, 1);
    this.holding = false;
    const switchNumber = Atomics.load(w, GIL.SWITCH_NUMBER);
    // HOLDER keeps the last holder's id (gil->last_holder): a re-take by the same worker is no switch.
    Atomics.store(w, GIL.LOCKED, 0);
    Atomics.notify(w, GIL.LOCKED, 1);
    if (!forced) return;
    this.forcedDrops++;
    Atomics.add(w, GIL.FORCED_SWITCHES, 1);
    // FORCE_SWITCHING: sleep until another thread has taken the lock (or nobody wants it any more).
    while (Atomics.load(w, GIL.SWITCH_NUMBER) === switchNumber && Atomics.load(w, GIL.WAITERS) > 0) {
      if (this.cancelled()) throw new Cancelled();
      Atomics.wait(w, GIL.SWITCH_NUMBER, switchNumber, 10);
    }
  }

  /** The eval breaker: called between chunks by the holder. */
  checkpoint(): void {
    const w = this.words;
    if (this.cancelled()) throw new Cancelled();
    if (this.holding && Atomics.load(w, GIL.DROP_REQUEST) !== 0) {
      this.drop('waiting', true);
      this.take();
    }
  }

  /** Publishes what this worker is blocked on, for the engine's deadlock detector. */
  publishWait(resource: number): void {
    Atomics.store(this.words, slotIndex(this.id, SLOT.WAITS_FOR), resource);
  }

  /** Publishes that this worker holds (or no longer holds) a resource. */
  publishHolds(resource: number, held: boolean): void {
    const index = slotIndex(this.id, SLOT.HOLDS);
    if (held) Atomics.or(this.words, index, resource);
    else Atomics.and(this.words, index, ~resource);
  }

  /** Marks the timeline for work this client does not see (blocking on another lock, C code). */
  mark(state: WorkerState): void {
    this.setState(state);
  }

  private setState(state: WorkerState): void {
    this.recorder.enter(state);
    Atomics.store(this.words, slotIndex(this.id, SLOT.STATE), STATE_CODE[state]);
  }
}

/** Keeps the first MAX_SAMPLES measurements; a run long enough to exceed that has plenty. */
function sample(into: number[], value: number): void {
  if (into.length < MAX_SAMPLES) into.push(value);
}
