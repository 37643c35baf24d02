/**
 * A process pool's meter of Node's own messages (shared/pool-price.ts MessageMeter), fed from the
 * pool's parent: its CPU (process.cpuUsage, every thread of this process) over each window of
 * METER_WINDOW results, the CPU of the price's work timed around it, and the workers' CPU as their
 * results report it. The price it sets applies from the next task sent.
 */
import { MessageMeter, type MessageWindow, type PerTaskMs, type TaskCost, type TaskPrice } from '../shared/pool-price';

/** Results per measurement: some tens of ms of a tiny-task pool, enough CPU to read. */
const METER_WINDOW = 250;

const cpuNowMs = (): number => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};

/** Running counts; a window is the difference of two. */
type Counts = MessageWindow;

export class PoolMeter {
  private readonly meter: MessageMeter;
  private readonly counts: Counts = { messages: 0, parentCpuMs: 0, parentPriceCpuMs: 0, parentPriceIterations: 0, workerCpuMs: 0, workerIterations: 0 };
  private from: Counts | undefined;
  private workerPricePaid = 0;

  constructor(cost: TaskCost) {
    this.meter = new MessageMeter(cost);
  }

  get price(): TaskPrice {
    return this.meter.price;
  }

  /** A task is being sent: the first one opens the first window. */
  sending(workersCpuMs: number): void {
    this.from ??= this.snapshot(workersCpuMs);
  }

  /** Pays the parent's price with `pay`, timing its CPU. */
  pay(iterations: number, pay: () => void): void {
    const from = cpuNowMs();
    pay();
    this.counts.parentPriceCpuMs += cpuNowMs() - from;
    this.counts.parentPriceIterations += iterations;
  }

  /** A result came back for a task of `iterations` sent with `workerPrice`; every METER_WINDOW results, Node's cost is read. */
  answered(iterations: number, workerPrice: number, workersCpuMs: number): void {
    this.counts.workerIterations += iterations + workerPrice;
    this.workerPricePaid += workerPrice;
    if (++this.counts.messages % METER_WINDOW !== 0 || !this.from) return;
    const from = this.from;
    const now = this.snapshot(workersCpuMs);
    this.from = now;
    this.meter.observe({
      messages: now.messages - from.messages,
      parentCpuMs: now.parentCpuMs - from.parentCpuMs,
      parentPriceCpuMs: now.parentPriceCpuMs - from.parentPriceCpuMs,
      parentPriceIterations: now.parentPriceIterations - from.parentPriceIterations,
      workerCpuMs: now.workerCpuMs - from.workerCpuMs,
      workerIterations: now.workerIterations - from.workerIterations,
    });
  }

  /** Node's message as measured, CPU ms per message of the parent and of the workers; null before a whole window. */
  get nodeCpuMs(): PerTaskMs | null {
    return this.meter.nodeCpuMs;
  }

  /** Iterations of price per message answered so far: the parent's, and the workers'. */
  get paidPerMessage(): TaskPrice | null {
    const { messages, parentPriceIterations } = this.counts;
    return messages > 0 ? { parentIterations: parentPriceIterations / messages, workerIterations: this.workerPricePaid / messages } : null;
  }

  private snapshot(workersCpuMs: number): Counts {
    return { ...this.counts, parentCpuMs: cpuNowMs(), workerCpuMs: workersCpuMs };
  }
}
