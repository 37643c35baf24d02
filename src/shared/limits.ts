/**
 * Safe limits for every number a user can type. They live here, beside the schemas, so the CLI,
 * the IPC handlers, the WebSocket bridge and the controls in the UI all refuse the same things.
 */
export const LIMITS = {
  /** Seconds one calibrated task should take. Below 50 ms the run is all start-up noise. */
  seconds: { min: 0.05, max: 30, default: 1 },
  /** CPython accepts any positive interval; below 0.1 ms our chunked kernel can no longer honour it. */
  switchMs: { min: 0.1, max: 100, default: 5 },
  /** Sampling rate of the per-core monitor; systeminformation caches calls closer than 200 ms. */
  sampleHz: { min: 2, max: 5, default: 4 },
  /** Workers per mode: never fewer than 1, never more than a safe multiple of the core count. */
  workers: { min: 1, perCore: 4, floor: 16, ceiling: 512 },
} as const;

/**
 * Most workers a run may start on a machine with `cores` logical cores. Threads that mostly wait
 * are cheap, so small machines still get 16; a laptop is never asked for thousands of processes.
 */
export function maxWorkers(cores: number): number {
  const safeCores = Number.isFinite(cores) && cores >= 1 ? Math.floor(cores) : 1;
  return Math.min(LIMITS.workers.ceiling, Math.max(LIMITS.workers.floor, safeCores * LIMITS.workers.perCore));
}
