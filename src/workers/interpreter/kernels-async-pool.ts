/**
 * asyncio with a ProcessPoolExecutor: one thread, one event loop, every item a coroutine that
 * awaits its fetch, hands its computation to the process pool (`loop.run_in_executor`) and awaits
 * the future, then awaits its store. The loop sits in select() meanwhile, with the GIL released.
 *
 * Futures: the thread sends one `submit` per computation; the engine counts each one done in the
 * thread's FUTURE word. A loop may have many in flight, and all are the same size, so each
 * completion wakes the oldest waiting coroutine.
 */
import { GIL, SLOT, slotIndex } from '../../shared/gil-layout';
import type { WorkerMessage } from '../../shared/worker-protocol';
import { Cancelled } from './gil';
import type { KernelContext } from './kernels';

type WaitAsync = (array: Int32Array, index: number, value: number, timeoutMs: number) => { async: false; value: string } | { async: true; value: Promise<string> };
/** Atomics.waitAsync (Node 16+); typed here because the lib the workers compile against predates it. */
const waitAsync = (Atomics as unknown as { waitAsync?: WaitAsync }).waitAsync;
/** How often a waiting loop looks for a cancel. */
const CANCEL_CHECK_MS = 250;

const timer = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** A submit function whose futures resolve as the engine counts them done. */
export function asyncFutures(
  words: Int32Array,
  worker: number,
  send: (message: WorkerMessage) => void,
  ctx: Pick<KernelContext, 'onCheckpoint'>,
): (iterations: number) => Promise<number> {
  const slot = slotIndex(worker, SLOT.FUTURE);
  Atomics.store(words, slot, 0);
  let seen = 0;
  const waiting: { iterations: number; resolve: (checksum: number) => void; reject: (error: Error) => void }[] = [];
  let watching = false;
  const watch = async (): Promise<void> => {
    watching = true;
    // A pending Atomics.waitAsync does not keep a worker's event loop alive; this timer does.
    const alive = setInterval(() => {}, CANCEL_CHECK_MS);
    try {
      while (waiting.length > 0) {
        if (Atomics.load(words, GIL.CANCEL) !== 0) throw new Cancelled();
        if (Atomics.load(words, slot) === seen) {
          const wait = waitAsync?.(words, slot, seen, CANCEL_CHECK_MS);
          if (wait?.async) await wait.value;
          else if (!wait) await timer(1);
          ctx.onCheckpoint();
        }
        for (const done = Atomics.load(words, slot); seen < done; seen++) {
          const next = waiting.shift();
          next?.resolve(next.iterations);
        }
      }
    } catch (error) {
      for (const w of waiting.splice(0)) w.reject(error instanceof Error ? error : new Error(String(error)));
    } finally {
      clearInterval(alive);
      watching = false;
    }
  };
  return (iterations) =>
    new Promise<number>((resolve, reject) => {
      waiting.push({ iterations, resolve, reject });
      send({ type: 'submit', slot: worker, iterations });
      if (!watching) void watch();
    });
}

/** `asyncio.gather` of `items` coroutines: fetch, compute in the pool, store. */
export async function asyncPipelineKernel(
  items: number,
  fetchMs: number,
  storeMs: number,
  cpuIterations: number,
  ctx: KernelContext,
  submit: (iterations: number) => Promise<number>,
): Promise<number> {
  const item = async (): Promise<number> => {
    await timer(fetchMs);
    const checksum = await submit(cpuIterations);
    await timer(storeMs);
    return checksum;
  };
  ctx.gil.drop('io');
  const sums = await Promise.all(Array.from({ length: items }, item));
  ctx.gil.take();
  return sums.reduce((a, b) => a + b, 0);
}
