/** The service is the door every transport goes through: bad input gets a sentence, never a throw. */
import { afterAll, describe, expect, it } from 'vitest';
import { OUT_MAIN } from '../../test/build-state';
import { builtEntries } from './entries';
import { Lab } from './lab';
import { EXPERIMENTS } from '../lessons/catalogue';
import { LAB_LESSONS } from '../lessons/programs';
import { createLabService } from './service';
import { PreferenceStore } from './preferences';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const lab = new Lab({ entries: builtEntries(OUT_MAIN), lessons: LAB_LESSONS, cores: 2 });
const folder = mkdtempSync(join(tmpdir(), 'gil-lab-prefs-'));
const preferences = new PreferenceStore(join(folder, 'preferences.json'));
const service = createLabService(lab, { preferences });
afterAll(async () => {
  await lab.dispose();
  rmSync(folder, { recursive: true, force: true });
});

const hostile: [string, unknown, unknown, RegExp][] = [
  ['unknown call', 'rm -rf', undefined, /unknown call/],
  ['non-string call', 42, undefined, /unknown call/],
  ['prototype key', '__proto__', undefined, /unknown call/],
  ['argument to a no-argument call', 'getMachine', { x: 1 }, /takes no argument/],
  ['no input', 'startRun', undefined, /expected object|must be/],
  ['null input', 'startRun', null, /expected object|must be/],
  ['array input', 'startRun', [], /expected object|must be/],
  ['unknown experiment', 'startRun', { experiment: 'nope', workers: 4, seconds: 1, switchMs: 5 }, /unknown experiment/],
  ['huge string', 'startRun', { experiment: 'x'.repeat(1_000_000), workers: 4, seconds: 1, switchMs: 5 }, /too long/],
  ['workers as text', 'startRun', { experiment: 'cpu-bound', workers: '4', seconds: 1, switchMs: 5 }, /workers must be a number/],
  ['huge workers', 'startRun', { experiment: 'cpu-bound', workers: 1e12, seconds: 1, switchMs: 5 }, /at most 16/],
  ['NaN seconds', 'startRun', { experiment: 'cpu-bound', workers: 4, seconds: Number.NaN, switchMs: 5 }, /seconds must be a/],
  ['negative interval', 'startRun', { experiment: 'cpu-bound', workers: 4, seconds: 1, switchMs: -5 }, /switch interval must be at least/],
  ['extra field', 'startRun', { experiment: 'cpu-bound', workers: 4, seconds: 1, switchMs: 5, shell: 'x' }, /unknown field: shell/],
  ['mode the lesson lacks', 'startRun', { experiment: 'io-bound', modes: ['processes'], workers: 4, seconds: 1, switchMs: 5 }, /runs only these modes/],
  ['sampling too fast', 'watchCores', { hz: 1000 }, /sampling rate must be at most 5 Hz/],
];

describe('createLabService', () => {
  it.each(hostile)('refuses %s with a clear sentence', async (_label, name, input, message) => {
    const reply = await service.call(name, input, 'test');
    expect(reply.ok).toBe(false);
    if (!reply.ok) {
      expect(reply.error).toMatch(message);
      expect(reply.error.length).toBeLessThan(300);
    }
  });

  it('still answers properly after all of that', async () => {
    const machine = await service.call('getMachine', undefined, 'test');
    expect(machine.ok).toBe(true);
    if (machine.ok) expect(machine.value).toHaveProperty('logicalCores');
    const list = await service.call('listExperiments', undefined, 'test');
    expect(list.ok && (list.value as unknown as { id: string }[]).map((e) => e.id)).toEqual(EXPERIMENTS.map((e) => e.id));
  });

  it('refuses a run longer than the cap with its estimate in one sentence, and starts nothing', async () => {
    const events: string[] = [];
    service.attach('cap-watcher', (event, payload) => events.push(`${event}:${(payload as { type?: string }).type ?? ''}`));
    const reply = await service.call('startRun', { experiment: 'scaling', workers: 16, seconds: 30, switchMs: 5 }, 'test');
    service.detach('cap-watcher');
    expect(reply.ok).toBe(false);
    if (!reply.ok) {
      expect(reply.error).toMatch(/^this run would take about \d+ min( \d+ s)? \(scaling with 16 worker\(s\) of 30 s\), more than the 10 min a run may last/);
      expect(reply.error.split('. ')).toHaveLength(1);
    }
    expect(events).toEqual([]);
    expect(lab.busy).toBe(false);
  });

  it('refuses a second run while one is going, and cancels the first', async () => {
    const events: string[] = [];
    service.attach('watcher', (event, payload) => events.push(`${event}:${(payload as { type?: string }).type ?? ''}`));
    const request = { experiment: 'cpu-bound', modes: ['threads'], workers: 2, seconds: 10, switchMs: 5 };
    const first = await service.call('startRun', request, 'test');
    expect(first.ok).toBe(true);
    const second = await service.call('startRun', request, 'test');
    expect(second.ok).toBe(false);
    if (!second.ok) expect(second.error).toMatch(/already in progress/);
    const cancelled = await service.call('cancelRun', undefined, 'test');
    expect(cancelled).toEqual({ ok: true, value: { cancelled: true } });
    expect(events).toContain('run:run-cancelled');
    service.detach('watcher');
  });

  it('keeps preferences, refusing bad ones with a sentence', async () => {
    expect(await service.call('loadPreferences', undefined, 'test')).toEqual({ ok: true, value: {} });
    expect(await service.call('savePreferences', { theme: 'light', progress: { 'cpu-bound': { ran: true, prediction: 4 } } }, 'test')).toEqual({ ok: true, value: { saved: true } });
    expect(await service.call('savePreferences', { sampleHz: 3 }, 'test')).toEqual({ ok: true, value: { saved: true } });
    const reloaded = await new PreferenceStore((preferences as unknown as { file: string }).file).load();
    expect(reloaded).toEqual({ theme: 'light', sampleHz: 3, progress: { 'cpu-bound': { ran: true, prediction: 4 } } });
    const bad = await service.call('savePreferences', { theme: 'neon' }, 'test');
    expect(bad.ok).toBe(false);
    const desktopOnly = await service.call('capturePage', undefined, 'test');
    expect(desktopOnly.ok).toBe(false);
    if (!desktopOnly.ok) expect(desktopOnly.error).toMatch(/browser edition/);
    const badName = await service.call('saveFile', { name: '../../etc/passwd', data: 'x', encoding: 'utf8' }, 'test');
    expect(badName.ok).toBe(false);
  });

  it('streams core samples only to clients that watch', async () => {
    const samples: unknown[] = [];
    service.attach('viewer', (event, payload) => event === 'cores' && samples.push(payload));
    expect(await service.call('watchCores', { hz: 5 }, 'viewer')).toEqual({ ok: true, value: { hz: 5 } });
    await new Promise((resolve) => setTimeout(resolve, 1200));
    expect(samples.length).toBeGreaterThanOrEqual(2);
    service.detach('viewer');
    expect(lab.sampler.watching).toBe(false);
  });
});
