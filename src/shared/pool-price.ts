/**
 * What a CPython process pool pays per task beyond Node's IPC message: pickling the call and its
 * result, the call queue and its feeder thread, the result-handler thread, the future. The lab pays
 * it as real work: the calibrated sum loop's arithmetic (kernels.ts plainSlice), seeded by the
 * message's own text so no engine can fold it away, so `iterations` of it cost what as many
 * iterations of the calibrated loop cost (a walk over the text's characters, as it was first, cost
 * 1.4 times as much per iteration), and a price sized in calibrated-loop ms (ctx.perMs) is
 * as long, against the tasks, on a fast laptop as on a slow one. Pure: the engine (the pool's
 * parent) and the pool's workers both pay it.
 *
 * Node's own message is not sized by the calibration, and its cost drifts (on a 2-core VM the
 * parent's share went from 0.06 to 0.14 ms between two runs of the same build, and a fresh pool's
 * first thousands of messages cost two to four times its later ones). So a pool given CPython's
 * whole cost per task (TaskCost: a multiple of Node's message, as both are mostly the machine's
 * system calls and wake-ups) measures what Node's messages cost as it runs (MessageMeter) and pays
 * only the difference: the total tracks CPython's on this machine, whatever Node's message costs today.
 */

/** Per task, in iterations of the calibrated loop: the pool's parent's share, and each worker's. */
export interface TaskPrice {
  parentIterations: number;
  workerIterations: number;
}

/** CPU per task in ms of the calibrated loop: the parent's, and the workers' (beyond the task's own work). */
export interface PerTaskMs {
  parent: number;
  worker: number;
}

/**
 * CPython's whole CPU per task, as a multiple of Node's own message measured on the same machine
 * (the parent's, the workers'), and this machine's calibrated loop (iterations per ms) to size the
 * price with. A multiple, not loop ms: a pool task is mostly system calls and thread wake-ups, whose
 * cost changes from machine to machine apart from the loop's (see process-cost/lesson.ts).
 */
export interface TaskCost {
  cpythonOverNode: PerTaskMs;
  perMs: number;
  /** What Node's message is taken to cost (loop ms) until the first window is measured. */
  nodeGuessMs: PerTaskMs;
}

/** `iterations` steps of the calibrated loop's arithmetic, seeded by the text of `frame`. */
export function payTaskPrice(frame: string, iterations: number): number {
  if (frame.length === 0 || iterations <= 0) return 0;
  let seed = 0;
  for (let k = 0; k < frame.length; k++) seed = (seed * 31 + frame.charCodeAt(k)) & 0x7fff;
  let total = 0;
  for (let i = 0; i < iterations; i++) {
    const x = (i ^ seed) & 0x7fff;
    total = (total + x * x) % 1_000_003;
  }
  return total;
}

/** CPython's cost per task where Node's message costs `node`: `node` times the multiple, each side. */
export const cpythonCost = (multiple: PerTaskMs, node: PerTaskMs): PerTaskMs => ({ parent: multiple.parent * node.parent, worker: multiple.worker * node.worker });

/**
 * What a task pays beyond Node's message: CPython's whole cost less what Node's message costs, both
 * in ms of the calibrated loop, as iterations of it; never negative (where Node's message alone
 * costs more than CPython's task, it pays nothing and stays dearer).
 */
export function priceBeyondNode(cpythonMs: PerTaskMs, nodeMs: PerTaskMs, perMs: number): TaskPrice {
  const iterations = (cpython: number, node: number): number => Math.max(0, Math.round((cpython - node) * perMs));
  return { parentIterations: iterations(cpythonMs.parent, nodeMs.parent), workerIterations: iterations(cpythonMs.worker, nodeMs.worker) };
}

/** A stretch of messages as the pool's parent saw it: its CPU, and the workers' as they reported it. */
export interface MessageWindow {
  messages: number;
  /** The parent's CPU over the window, and the part of it spent paying the price (timed around the work). */
  parentCpuMs: number;
  parentPriceCpuMs: number;
  parentPriceIterations: number;
  /** The workers' CPU over the window, and the loop iterations they were given in it (tasks and price). */
  workerCpuMs: number;
  workerIterations: number;
}

/** Below this much CPU of the price's work in a window, its speed is not read from it. */
const MIN_TIMED_MS = 2;
/** Weight of the newest window in the running figure of Node's cost. */
const SMOOTHING = 0.5;

/**
 * Measures Node's message as the pool runs and sets the price to CPython's cost (a multiple of it) less it. The loop's
 * speed now is read from the price's own work (iterations over the CPU it took), so Node's CPU ms
 * become ms of the calibrated loop at the speed the tasks run at, not at the calibration's.
 */
export class MessageMeter {
  /** Node's message in calibrated-loop ms, smoothed: what the next price is set against. */
  private node: PerTaskMs;
  /** Iterations of the loop per CPU ms now. */
  private perMsNow: number;
  private measured = { messages: 0, parentMs: 0, workerMs: 0 };
  price: TaskPrice;

  constructor(private readonly cost: TaskCost) {
    this.node = { ...cost.nodeGuessMs };
    this.perMsNow = cost.perMs;
    this.price = this.priceNow();
  }

  observe(window: MessageWindow): void {
    if (window.messages <= 0) return;
    if (window.parentPriceCpuMs >= MIN_TIMED_MS) this.perMsNow = window.parentPriceIterations / window.parentPriceCpuMs;
    const parentMs = (window.parentCpuMs - window.parentPriceCpuMs) / window.messages;
    const workerMs = (window.workerCpuMs - window.workerIterations / this.perMsNow) / window.messages;
    // In loop ms: the CPU Node took, at the speed the loop runs now.
    const toLoop = this.perMsNow / this.cost.perMs;
    this.node = {
      parent: SMOOTHING * parentMs * toLoop + (1 - SMOOTHING) * this.node.parent,
      worker: SMOOTHING * workerMs * toLoop + (1 - SMOOTHING) * this.node.worker,
    };
    const m = this.measured;
    m.messages += window.messages;
    m.parentMs += parentMs * window.messages;
    m.workerMs += workerMs * window.messages;
    this.price = this.priceNow();
  }

  /** What a task pays beyond Node's message as it is now taken to cost. */
  private priceNow(): TaskPrice {
    return priceBeyondNode(cpythonCost(this.cost.cpythonOverNode, this.node), this.node, this.cost.perMs);
  }

  /** Node's message over every window measured, in CPU ms (real, not loop): the parent's and the workers' per message; null before any. */
  get nodeCpuMs(): PerTaskMs | null {
    const m = this.measured;
    return m.messages > 0 ? { parent: m.parentMs / m.messages, worker: m.workerMs / m.messages } : null;
  }
}
