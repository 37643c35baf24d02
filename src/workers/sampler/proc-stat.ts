/**
 * Per-core load on Linux from /proc/stat, read as a file. systeminformation's currentLoad() reads
 * the same counters but, on Linux, through `cat /proc/stat | grep cpu` in a shell: three processes
 * started on every call, fifteen a second at 5 Hz, on the very cores the lab is drawing. Reading
 * the file starts nothing. The arithmetic is systeminformation's: busy ticks (everything but idle)
 * over all ticks since the previous reading, per core.
 */
import { readFileSync } from 'node:fs';

/** Ticks of one core: all of them, and those not idle. */
export interface CoreTicks {
  total: number;
  busy: number;
}

/**
 * The per-core lines of a /proc/stat text ("cpu0 …", not the "cpu " sum), indexed by core number.
 * A core taken offline has no line; it is left as a hole and reads as idle.
 */
export function parseProcStat(text: string): (CoreTicks | undefined)[] {
  const cores: (CoreTicks | undefined)[] = [];
  for (const line of text.split('\n')) {
    const match = /^cpu(\d+)\s+(.*)$/.exec(line);
    if (!match) continue;
    // user nice system idle iowait irq softirq steal; guest time is already inside user and nice.
    const fields = (match[2] as string).trim().split(/\s+/).slice(0, 8).map(Number);
    if (fields.length < 4 || fields.some((n) => !Number.isFinite(n))) continue;
    const total = fields.reduce((sum, n) => sum + n, 0);
    const idle = (fields[3] as number) + (fields[4] ?? 0);
    cores[Number(match[1])] = { total, busy: total - idle };
  }
  return cores;
}

/** Load of each core in % between two readings; 0 where a core has no ticks in both. */
export function loadsBetween(before: readonly (CoreTicks | undefined)[], after: readonly (CoreTicks | undefined)[]): number[] {
  const loads: number[] = [];
  for (let core = 0; core < after.length; core++) {
    const a = before[core];
    const b = after[core];
    const ticks = a && b ? b.total - a.total : 0;
    loads.push(a && b && ticks > 0 ? Math.min(100, Math.max(0, ((b.busy - a.busy) / ticks) * 100)) : 0);
  }
  return loads;
}

/**
 * Reads /proc/stat and returns the load since the previous call (the first call: nothing to
 * compare with, all 0). The read is synchronous on purpose: it runs on the sampler's own thread,
 * a procfs read never touches a disk, and an asynchronous read would start libuv's thread pool
 * (four threads that stay for the life of the process) just for this.
 */
export function procStatReader(path = '/proc/stat'): () => Promise<number[]> {
  let previous: (CoreTicks | undefined)[] = [];
  return async () => {
    const now = parseProcStat(readFileSync(path, 'utf8'));
    if (now.length === 0) throw new Error(`${path} lists no cores`);
    const loads = loadsBetween(previous, now);
    previous = now;
    return loads;
  };
}
