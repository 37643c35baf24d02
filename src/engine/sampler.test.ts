/**
 * The sampler thread can die or fall silent; whoever waits on it gets a sentence in bounded time,
 * and the next use starts a fresh thread. The failing samplers are real threads running small
 * scripts written here; the healthy one is the built sampler.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { OUT_MAIN } from '../../test/build-state';
import { builtEntries } from './entries';
import { Sampler } from './sampler';

const real = builtEntries(OUT_MAIN).sampler;
const dir = mkdtempSync(join(tmpdir(), 'gil-lab-sampler-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let scripts = 0;
/** A sampler entry: `first` runs in the first thread started from it, the real sampler in every later one. */
function entry(first: string): string {
  const path = join(dir, `sampler-${++scripts}.cjs`);
  const ticket = join(dir, `ticket-${scripts}`);
  writeFileSync(path, `try { require('node:fs').mkdirSync(${JSON.stringify(ticket)}); } catch { require(${JSON.stringify(real)}); return; }\n${first}\n`);
  return path;
}
const onMachine = (code: string): string => `require('node:worker_threads').parentPort.on('message', (m) => { if (m.type === 'machine') { ${code} } });`;

describe('Sampler', () => {
  it('rejects a description the thread died before giving, then asks a fresh thread', async () => {
    const sampler = new Sampler(entry(onMachine('process.exit(3);')));
    try {
      await expect(sampler.machine()).rejects.toThrow('the sampler thread stopped before it described this machine');
      const machine = await sampler.machine();
      expect(machine.logicalCores).toBeGreaterThan(0);
    } finally {
      await sampler.dispose();
    }
  });

  it('gives up on a thread that never answers, within its limit, and replaces it', async () => {
    const sampler = new Sampler(entry(onMachine('/* silence */')), 500);
    try {
      const asked = performance.now();
      await expect(sampler.machine()).rejects.toThrow('the sampler thread did not describe this machine within 0.5 s');
      expect(performance.now() - asked).toBeLessThan(5_000);
      expect((await sampler.machine()).logicalCores).toBeGreaterThan(0);
    } finally {
      await sampler.dispose();
    }
  });

  it('passes on the error the thread reports, as a sentence', async () => {
    const sampler = new Sampler(entry(onMachine(`require('node:worker_threads').parentPort.postMessage({ type: 'error', message: 'no dmidecode' });`)));
    try {
      await expect(sampler.machine()).rejects.toThrow('the sampler thread could not describe this machine: no dmidecode');
    } finally {
      await sampler.dispose();
    }
  });

  it('tells its listeners when the thread cannot start, and starts afresh on the next watch', async () => {
    const sampler = new Sampler(entry(`throw new Error('broken sampler');`));
    const failures: string[] = [];
    sampler.onFailure((sentence) => failures.push(sentence));
    try {
      sampler.watch('run', 5);
      await expect.poll(() => failures, { timeout: 5_000 }).toEqual(['the core sampler thread failed: broken sampler']);
      sampler.unwatch('run');
      sampler.watch('run', 5);
      const sample = await sampler.nextSampleAfter(Date.now(), 5_000);
      expect(sample?.loads.length).toBeGreaterThan(0);
    } finally {
      await sampler.dispose();
    }
  });

  it('drops a thread that sends what the lab does not understand', async () => {
    const sampler = new Sampler(entry(`require('node:worker_threads').parentPort.postMessage({ type: 'sample', sample: { t: 'now', loads: [500] } }); setInterval(() => {}, 1000);`));
    const failures: string[] = [];
    sampler.onFailure((sentence) => failures.push(sentence));
    try {
      sampler.watch('run', 5);
      await expect.poll(() => failures, { timeout: 5_000 }).toEqual(['the core sampler thread failed: it sent a message the lab does not understand']);
      expect(sampler.samplesSince(0)).toEqual([]);
    } finally {
      await sampler.dispose();
    }
  });

  it('stops waiting for a sample once the run is cancelled', async () => {
    const sampler = new Sampler(real);
    const abort = new AbortController();
    const waiting = sampler.nextSampleAfter(Date.now() + 60_000, 60_000, abort.signal);
    setTimeout(() => abort.abort(), 50);
    const asked = performance.now();
    expect(await waiting).toBeUndefined();
    expect(performance.now() - asked).toBeLessThan(5_000);
  });
});
