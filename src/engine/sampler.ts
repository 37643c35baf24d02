/**
 * The per-core monitor as the engine sees it: a sampler thread that runs only while somebody
 * watches (a window, a browser client, or a run measuring its cores busy), at the highest rate
 * any watcher asked for. Recent samples are kept so a run can average over its own span.
 */
import { Worker } from 'node:worker_threads';
import { LIMITS } from '../shared/limits';
import type { CoreSample, MachineInfo } from '../shared/results';
import type { SamplerCommand, SamplerMessage } from '../shared/sampler-protocol';

/** About ten minutes at the highest rate: enough for any run, small enough to forget. */
const KEEP_SAMPLES = 3_000;

export class Sampler {
  private worker: Worker | undefined;
  private readonly watchers = new Map<string, number>();
  private readonly listeners = new Set<(sample: CoreSample) => void>();
  private readonly recent: CoreSample[] = [];
  private machinePromise: Promise<MachineInfo> | undefined;
  private hz = 0;

  constructor(private readonly entry: string) {}

  /** Starts (or speeds up) sampling on behalf of `key`. */
  watch(key: string, hz: number = LIMITS.sampleHz.default): number {
    this.watchers.set(key, Math.min(LIMITS.sampleHz.max, Math.max(LIMITS.sampleHz.min, hz)));
    this.apply();
    return this.hz;
  }

  unwatch(key: string): void {
    if (this.watchers.delete(key)) this.apply();
  }

  get watching(): boolean {
    return this.watchers.size > 0;
  }

  onSample(listener: (sample: CoreSample) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Samples taken since `from` (epoch ms), oldest first. */
  samplesSince(from: number): CoreSample[] {
    return this.recent.filter((s) => s.t >= from);
  }

  /** Resolves with the next sample taken after `after`, or undefined after `timeoutMs`. */
  nextSampleAfter(after: number, timeoutMs: number): Promise<CoreSample | undefined> {
    const last = this.recent[this.recent.length - 1];
    if (last && last.t > after) return Promise.resolve(last);
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        off();
        resolve(undefined);
      }, timeoutMs);
      const off = this.onSample((sample) => {
        if (sample.t <= after) return;
        clearTimeout(timer);
        off();
        resolve(sample);
      });
    });
  }

  /** CPU model, cores and OS, read once. */
  machine(): Promise<MachineInfo> {
    this.machinePromise ??= new Promise<MachineInfo>((resolve, reject) => {
      const worker = this.ensureWorker();
      const onMessage = (message: SamplerMessage): void => {
        if (message.type === 'machine') {
          worker.off('message', onMessage);
          resolve(message.machine);
          if (!this.watching) this.stopWorker();
        } else if (message.type === 'error') {
          worker.off('message', onMessage);
          reject(new Error(message.message));
        }
      };
      worker.on('message', onMessage);
      this.post({ type: 'machine' });
    }).catch((error: unknown) => {
      this.machinePromise = undefined;
      throw error;
    });
    return this.machinePromise;
  }

  async dispose(): Promise<void> {
    this.watchers.clear();
    this.listeners.clear();
    await this.stopWorker();
  }

  private apply(): void {
    const hz = Math.max(0, ...this.watchers.values());
    if (hz === this.hz) return;
    this.hz = hz;
    if (hz === 0) {
      this.post({ type: 'stop' });
      void this.stopWorker();
    } else {
      this.ensureWorker();
      this.post({ type: 'start', hz });
    }
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(this.entry);
    worker.on('message', (message: SamplerMessage) => {
      if (message.type !== 'sample') return;
      this.recent.push(message.sample);
      if (this.recent.length > KEEP_SAMPLES) this.recent.splice(0, this.recent.length - KEEP_SAMPLES);
      for (const listener of this.listeners) listener(message.sample);
    });
    worker.on('error', () => {
      // A broken sampler must not take the lab down; the next watch starts a fresh one.
      this.worker = undefined;
      this.hz = 0;
    });
    worker.on('exit', () => {
      if (this.worker === worker) this.worker = undefined;
    });
    worker.unref();
    this.worker = worker;
    return worker;
  }

  private post(command: SamplerCommand): void {
    this.worker?.postMessage(command);
  }

  private async stopWorker(): Promise<void> {
    const worker = this.worker;
    this.worker = undefined;
    if (worker) await worker.terminate();
  }
}
