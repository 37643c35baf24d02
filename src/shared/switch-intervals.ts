/** The intervals the switch-interval lesson compares; shared by the simulation and the real-CPython run. */
import { LIMITS } from './limits';

/** The chosen interval with one 5x shorter and one 4x longer (1, 5 and 20 ms by default). */
export function intervalsAround(switchMs: number): number[] {
  const clamp = (ms: number): number => Math.min(LIMITS.switchMs.max, Math.max(LIMITS.switchMs.min, Math.round(ms * 100) / 100));
  return [...new Set([clamp(switchMs / 5), clamp(switchMs), clamp(switchMs * 4)])];
}
