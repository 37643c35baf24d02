/**
 * The per-core monitor as the engine sees it: a sampler thread that runs only while somebody
 * watches (a window, a browser client, or a run measuring its cores busy), at the highest rate
 * any watcher asked for. Recent samples are kept so a run can average over its own span.
 *
 * The thread can die (a missing entry file, an error in systeminformation): then every waiter
 * gets a sentence, listeners hear of it (the Lab stops a run that depended on it), and the next
 * use starts a fresh thread.
 */
import { Worker } from 'node:worker_threads';
import { LIMITS } from '../shared/limits';
import type { CoreSample, MachineInfo } from '../shared/results';
import type { SamplerCommand, SamplerMessage } from '../shared/sampler-protocol';
import { samplerMessageSchema } from '../shared/sampler-schemas';
import { LabError } from './errors';
import { settlesWithin, STOP_LIMIT_MS } from './time-limit';

/** About ten minutes at the highest rate: enough for any run, small enough to forget. */
const KEEP_SAMPLES = 3_000;
/** systeminformation runs shell commands for the machine's description on some systems: seconds, not this. */
export const MACHINE_LIMIT_MS = 15_000;

export class Sampler {
  private worker: Worker | undefined;
  private readonly watchers = new Map<string, number>();
  private readonly listeners = new Set<(sample: CoreSample) => void>();
  private readonly failureListeners = new Set<(sentence: string) => void>();
  private readonly recent: CoreSample[] = [];
  private machinePromise: Promise<MachineInfo> | undefined;
  private askingMachine = false;
  private hz = 0;

  constructor(
    private readonly entry: string,
    private readonly machineLimitMs = MACHINE_LIMIT_MS,
  ) {}

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

  /** Hears, as one sentence, that the sampler thread died or could not start. */
  onFailure(listener: (sentence: string) => void): () => void {
    this.failureListeners.add(listener);
    return () => this.failureListeners.delete(listener);
  }

  /** Samples taken since `from` (epoch ms), oldest first. */
  samplesSince(from: number): CoreSample[] {
    return this.recent.filter((s) => s.t >= from);
  }

  /** Resolves with the next sample taken after `after`, or undefined after `timeoutMs` or once `signal` aborts. */
  nextSampleAfter(after: number, timeoutMs: number, signal?: AbortSignal): Promise<CoreSample | undefined> {
    const last = this.recent[this.recent.length - 1];
    if (last && last.t > after) return Promise.resolve(last);
    if (signal?.aborted) return Promise.resolve(undefined);
    return new Promise((resolve) => {
      const end = (sample: CoreSample | undefined): void => {
        clearTimeout(timer);
        off();
        signal?.removeEventListener('abort', onAbort);
        resolve(sample);
      };
      const onAbort = (): void => end(undefined);
      const timer = setTimeout(onAbort, timeoutMs);
      const off = this.onSample((sample) => {
        if (sample.t > after) end(sample);
      });
      signal?.addEventListener('abort', onAbort);
    });
  }

  /** CPU model, cores and OS, read once; a failed or late answer is not kept, so the next call asks again. */
  machine(): Promise<MachineInfo> {
    this.machinePromise ??= this.askMachine().catch((error: unknown) => {
      this.machinePromise = undefined;
      throw error;
    });
    return this.machinePromise;
  }

  async dispose(): Promise<void> {
    this.watchers.clear();
    this.listeners.clear();
    this.failureListeners.clear();
    this.hz = 0;
    await this.stopWorker();
  }

  private askMachine(): Promise<MachineInfo> {
    return new Promise<MachineInfo>((resolve, reject) => {
      const worker = this.ensureWorker();
      this.askingMachine = true;
      const end = (error: Error | undefined, machine?: MachineInfo): void => {
        clearTimeout(timer);
        worker.off('message', onMessage);
        worker.off('exit', onExit);
        this.askingMachine = false;
        if (error) reject(error);
        else resolve(machine as MachineInfo);
        if (!this.watching) void this.stopWorker();
      };
      const timer = setTimeout(() => {
        end(new LabError(`the sampler thread did not describe this machine within ${this.machineLimitMs / 1000} s`));
        // It may be stuck in a shell command: the next use starts a fresh one.
        void this.restart(worker);
      }, this.machineLimitMs);
      const onMessage = (raw: unknown): void => {
        const parsed = samplerMessageSchema.safeParse(raw);
        if (!parsed.success) return;
        if (parsed.data.type === 'machine') end(undefined, parsed.data.machine);
        else if (parsed.data.type === 'error') end(new LabError(`the sampler thread could not describe this machine: ${parsed.data.message}`));
      };
      const onExit = (): void => end(new LabError('the sampler thread stopped before it described this machine'));
      worker.on('message', onMessage);
      worker.once('exit', onExit);
      this.post({ type: 'machine' });
    });
  }

  private apply(): void {
    const hz = Math.max(0, ...this.watchers.values());
    if (hz === this.hz) return;
    this.hz = hz;
    if (hz === 0) {
      this.post({ type: 'stop' });
      // A description on its way still needs the thread; it stops the thread itself once answered.
      if (!this.askingMachine) void this.stopWorker();
    } else {
      this.ensureWorker();
      this.post({ type: 'start', hz });
    }
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    let worker: Worker;
    try {
      worker = new Worker(this.entry);
    } catch (error) {
      throw new LabError(`the core sampler thread could not start: ${error instanceof Error ? error.message : String(error)}`);
    }
    const lost = (reason: string): void => {
      // A thread we stopped ourselves is no loss.
      if (this.worker !== worker) return;
      this.worker = undefined;
      this.hz = 0;
      for (const listener of this.failureListeners) listener(`the core sampler thread failed: ${reason}`);
    };
    worker.on('message', (raw: unknown) => {
      const parsed = samplerMessageSchema.safeParse(raw);
      if (!parsed.success) {
        lost('it sent a message the lab does not understand');
        void settlesWithin(worker.terminate(), STOP_LIMIT_MS);
        return;
      }
      const message: SamplerMessage = parsed.data;
      if (message.type !== 'sample') return;
      this.recent.push(message.sample);
      if (this.recent.length > KEEP_SAMPLES) this.recent.splice(0, this.recent.length - KEEP_SAMPLES);
      for (const listener of this.listeners) listener(message.sample);
    });
    worker.on('error', (error) => lost(error.message));
    worker.on('exit', (code) => lost(`it exited with code ${code}`));
    worker.unref();
    this.worker = worker;
    return worker;
  }

  /** Replaces a thread that stopped answering; watchers get samples again from a fresh one. */
  private async restart(stuck: Worker): Promise<void> {
    if (this.worker !== stuck) return;
    await this.stopWorker();
    this.hz = 0;
    if (this.watching) this.apply();
  }

  private post(command: SamplerCommand): void {
    this.worker?.postMessage(command);
  }

  private async stopWorker(): Promise<void> {
    const worker = this.worker;
    this.worker = undefined;
    if (worker) await settlesWithin(worker.terminate(), STOP_LIMIT_MS);
  }
}
