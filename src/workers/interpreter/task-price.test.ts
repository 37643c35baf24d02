/**
 * The pool's price per task (shared/pool-price.ts) is sized in iterations of the calibrated loop:
 * k ms of price must take about k ms of the loop as this worker calibrates it, on any machine.
 * A ratio with margins, each side the best of a few tries so a busy neighbour does not decide it.
 */
import { describe, expect, it } from 'vitest';
import { createGilBuffer } from '../../shared/gil-layout';
import { payTaskPrice } from '../../shared/pool-price';
import type { WorkerJob } from '../../shared/worker-protocol';
import { calibrate } from './kernels';
import { createWorker } from './run-job';

const job: WorkerJob = { worker: 0, tasks: [], gil: 'own', chunkIterations: 2000, switchIntervalUs: 5000, clockStart: performance.now(), flushMs: 60_000 };

const cpuMs = (): number => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};

describe('the price of a pool task', () => {
  it('takes, per ms it is given, about a ms of the calibrated loop', () => {
    const { gil, ctx } = createWorker(job, createGilBuffer(1, 5000), () => {});
    gil.take();
    const priceMs = 20;
    // Both sides warmed (compiled) first, then measured turn about, each keeping its best.
    let perMs = calibrate(30, ctx).iterationsPerMs;
    payTaskPrice('42:1250', Math.round(priceMs * perMs));
    let best = Infinity;
    for (let i = 0; i < 7; i++) {
      perMs = Math.max(perMs, calibrate(30, ctx).iterationsPerMs);
      const from = cpuMs();
      payTaskPrice('42:1250', Math.round(priceMs * perMs));
      best = Math.min(best, cpuMs() - from);
    }
    gil.drop('done');
    // best is the price's time at the loop's best speed: the ratio is the cost of one step of each.
    expect(best / priceMs).toBeGreaterThan(0.5);
    expect(best / priceMs).toBeLessThan(2);
  });

  it('is no work without iterations or a message', () => {
    expect(payTaskPrice('1:1', 0)).toBe(0);
    expect(payTaskPrice('', 1000)).toBe(0);
    expect(payTaskPrice('1:1', 1000)).toBeGreaterThan(0);
  });
});
