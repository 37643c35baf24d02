import { describe, expect, it } from 'vitest';
import type { MachineInfo } from '../../../shared/results';
import { saveFileSchema } from '../../../shared/schemas';
import { EXPORT_RATIO, machineLine, pictureName, slideLayout, slideText } from './slide';

const machine = {
  cpuModel: 'Apple M3 Pro',
  logicalCores: 12,
  physicalCores: 12,
  performanceCores: 6,
  efficiencyCores: 6,
  os: 'macOS 15.1',
  arch: 'arm64',
} as unknown as MachineInfo;
const date = new Date(2026, 10, 24, 9, 5);
const run = { number: 3, steps: ['sequential', 'threads', 'processes'], workers: 4, outcome: 'finished' };

describe('slide text', () => {
  it('titles a whole-lab picture with the lesson, run, steps and workers', () => {
    const text = slideText({ target: 'whole', lesson: 'CPU-bound work', run, step: null, machine, date });
    expect(text.title).toBe('CPU-bound work');
    expect(text.subtitle).toBe('run #3 · sequential, threads, processes · 4 workers');
  });

  it('names the panel, and the timeline its step and mode', () => {
    const text = slideText({ target: 'timeline', lesson: 'Convoy', run, step: { stepId: 'beside', step: 'CPU + I/O', mode: 'threads' }, machine, date });
    expect(text.subtitle).toBe('Lock timeline · run #3 · CPU + I/O (threads) · 4 workers');
    // A step named after its mode (its id is the mode) is not followed by the mode again, whatever its label.
    const named = slideText({ target: 'timeline', lesson: 'CPU-bound work', run, step: { stepId: 'threads', step: 'threads', mode: 'threads' }, machine, date });
    expect(named.subtitle).toBe('Lock timeline · run #3 · threads · 4 workers');
    expect(slideText({ target: 'cores', lesson: 'x', run: null, step: null, machine, date }).subtitle).toBe('Cores · no run yet');
    expect(slideText({ target: 'results', lesson: 'x', run: { ...run, outcome: 'cancelled', workers: 1 }, step: null, machine, date }).subtitle).toMatch(/run #3 \(cancelled\).*1 worker$/);
  });

  it('captions the machine (with its performance and efficiency cores) and the date', () => {
    const { caption } = slideText({ target: 'whole', lesson: 'x', run, step: null, machine, date });
    expect(caption).toBe('Apple M3 Pro · 12 logical / 12 physical cores (6 performance + 6 efficiency) · macOS 15.1 arm64 · 2026-11-24 09:05 · GIL Lab');
    expect(machineLine({ ...machine, performanceCores: null, efficiencyCores: null } as MachineInfo)).toBe('Apple M3 Pro · 12 logical / 12 physical cores · macOS 15.1 arm64');
    expect(machineLine(null)).toBe('machine unknown');
  });
});

describe('slide layout', () => {
  it('puts the whole lab on a 16:9 slide at least 1920 px wide at 2x, fitted inside the margins', () => {
    const layout = slideLayout({ width: 1920, height: 1080 }, true);
    expect(layout.ratio).toBe(EXPORT_RATIO);
    expect(EXPORT_RATIO).toBeGreaterThanOrEqual(2);
    expect(layout.pixels).toEqual({ width: 3840, height: 2160 });
    expect(layout.content.width / layout.content.height).toBeCloseTo(1920 / 1080, 5);
    expect(layout.content.y).toBeGreaterThan(layout.subtitleY + layout.subtitleSize);
    expect(layout.content.y + layout.content.height).toBeLessThanOrEqual(layout.captionY);
    expect(layout.content.x).toBeGreaterThanOrEqual(layout.margin - 1e-9);
  });

  it('keeps a panel at its size, on a slide never narrower than 1920 px', () => {
    const wide = slideLayout({ width: 1272, height: 300 }, false);
    expect(wide.content).toMatchObject({ width: 1272, height: 300 });
    expect(wide.pixels.width).toBe((1272 + 2 * wide.margin) * 2);
    const narrow = slideLayout({ width: 400, height: 200 }, false);
    expect(narrow.pixels.width).toBeGreaterThanOrEqual(1920);
    expect(narrow.content.x).toBe((narrow.width - 400) / 2);
    expect(narrow.captionY).toBeGreaterThanOrEqual(narrow.content.y + narrow.content.height);
  });

  it('names pictures so the save dialog accepts them', () => {
    const name = pictureName('Deadlock: a lock and the GIL', 'timeline', 'light', date);
    expect(name).toBe('gil-lab-deadlock-a-lock-and-the-gil-timeline-light-2026-11-24-0905.png');
    expect(saveFileSchema.safeParse({ name, data: 'AA==', encoding: 'base64' }).success).toBe(true);
  });
});

describe('the room slide', () => {
  it('names the room, not the presenter’s run or machine', () => {
    const text = slideText({ target: 'room', lesson: 'Scaling', run: { number: 3, steps: ['threads'], workers: 4, outcome: 'finished' }, step: null, machine: null, date: new Date(2026, 10, 24, 9, 5) });
    expect(text.subtitle).toMatch(/room's laptops/);
    expect(text.subtitle).not.toMatch(/run #3/);
    expect(text.caption).toMatch(/^Result files of the room's laptops · 2026-11-24 09:05/);
  });
});
