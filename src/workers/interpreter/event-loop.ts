/**
 * asyncio in miniature: one thread, one event loop (JavaScript's own, which is what asyncio's is
 * too: a loop of callbacks around a select()). Waits overlap; CPU work in a coroutine never
 * yields, so it stalls every other task on the loop, measured by a heartbeat that should tick
 * every HEARTBEAT_MS.
 */
import type { KernelContext } from './kernels';
import { cpuKernel } from './kernels';

const HEARTBEAT_MS = 10;

export interface EventLoopOutcome {
  checksum: number;
  loopStallMs: number;
  phases: Record<string, number>;
}

const timer = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export async function eventLoopKernel(
  waits: number,
  waitMs: number,
  cpuTasks: number,
  cpuIterations: number,
  ctx: KernelContext,
): Promise<EventLoopOutcome> {
  let stall = 0;
  let expected = ctx.now() + HEARTBEAT_MS;
  const heartbeat = setInterval(() => {
    const now = ctx.now();
    stall = Math.max(stall, now - expected);
    expected = now + HEARTBEAT_MS;
  }, HEARTBEAT_MS);
  const phases: Record<string, number> = {};
  let checksum = 0;
  try {
    if (waits > 0) {
      const start = ctx.now();
      // The loop sits in select() while every coroutine awaits: the GIL is released meanwhile.
      ctx.gil.drop('io');
      await Promise.all(Array.from({ length: waits }, () => timer(waitMs)));
      ctx.gil.take();
      phases.waitsMs = ctx.now() - start;
    }
    if (cpuTasks > 0) {
      const start = ctx.now();
      const coroutine = async (): Promise<number> => {
        await timer(0);
        return cpuKernel(cpuIterations, ctx);
      };
      const sums = await Promise.all(Array.from({ length: cpuTasks }, coroutine));
      checksum += sums.reduce((a, b) => a + b, 0);
      phases.cpuMs = ctx.now() - start;
    }
    // One more beat, so a stall at the very end is measured too.
    await timer(HEARTBEAT_MS * 2);
  } finally {
    clearInterval(heartbeat);
  }
  return { checksum, loopStallMs: Math.max(0, stall), phases };
}
