import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadsBetween, parseProcStat, procStatReader } from './proc-stat';

// Two readings of a 3-core machine, shaped like the kernel's (the "cpu " line sums the others).
const BEFORE = `cpu  300 0 150 3000 30 0 0 0 0 0
cpu0 100 0 50 1000 10 0 0 0 0 0
cpu1 100 0 50 1000 10 0 0 0 0 0
cpu2 100 0 50 1000 10 0 0 0 0 0
intr 12345 0 0
ctxt 999
`;
// cpu0 was busy the whole 100 ticks (75 user, 20 system, 5 steal), cpu1 idle (90 idle, 10 iowait),
// cpu2 half and half.
const AFTER = `cpu  ...
cpu0 175 0 70 1000 10 0 0 5 0 0
cpu1 100 0 50 1090 20 0 0 0 0 0
cpu2 150 0 50 1050 10 0 0 0 0 0
`;

describe('parseProcStat', () => {
  it('reads every core line and skips the sum and the rest', () => {
    const cores = parseProcStat(BEFORE);
    expect(cores).toHaveLength(3);
    expect(cores[0]).toEqual({ total: 1160, busy: 150 });
  });

  it('leaves an offline core as a hole at its own number', () => {
    const cores = parseProcStat('cpu0 1 0 1 8 0 0 0 0\ncpu2 5 0 0 5 0 0 0 0\n');
    expect(cores).toHaveLength(3);
    expect(cores[1]).toBeUndefined();
    expect(cores[2]).toEqual({ total: 10, busy: 5 });
  });

  it('ignores lines it cannot read', () => {
    expect(parseProcStat('cpu0 a b c d\ncpux 1 2 3 4\n')).toEqual([]);
  });
});

describe('loadsBetween', () => {
  it('counts steal as busy and iowait as idle, per core', () => {
    expect(loadsBetween(parseProcStat(BEFORE), parseProcStat(AFTER))).toEqual([100, 0, 50]);
  });

  it('gives 0 for a core with no earlier reading or no ticks between', () => {
    const now = parseProcStat(AFTER);
    expect(loadsBetween([], now)).toEqual([0, 0, 0]);
    expect(loadsBetween(now, now)).toEqual([0, 0, 0]);
  });
});

describe('procStatReader', () => {
  let dir = '';
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('returns the load since its previous call', async () => {
    dir = mkdtempSync(join(tmpdir(), 'proc-stat-'));
    const file = join(dir, 'stat');
    writeFileSync(file, BEFORE);
    const read = procStatReader(file);
    expect(await read()).toEqual([0, 0, 0]);
    writeFileSync(file, AFTER);
    expect(await read()).toEqual([100, 0, 50]);
  });

  it('refuses a file that lists no cores', async () => {
    dir = mkdtempSync(join(tmpdir(), 'proc-stat-'));
    const file = join(dir, 'stat');
    writeFileSync(file, 'intr 1\n');
    await expect(procStatReader(file)()).rejects.toThrow(/no cores/);
  });

  it.runIf(process.platform === 'linux')('reads this machine: one value per core, each 0–100', async () => {
    const read = procStatReader();
    await read();
    const loads = await read();
    const lines = readFileSync('/proc/stat', 'utf8').split('\n').filter((l) => /^cpu\d+ /.test(l));
    expect(loads.length).toBeGreaterThanOrEqual(lines.length);
    for (const load of loads) expect(load).toBeGreaterThanOrEqual(0);
    for (const load of loads) expect(load).toBeLessThanOrEqual(100);
  });
});
