/**
 * Scale, part two: can the page keep up with a big machine? A SYNTHETIC host (no engine, no
 * workers) serves the built renderer and feeds it what a 128-core machine (BENCH_LANES=256: a
 * 256-core one; every title says the count measured) running 64 threads would: a load per core and a timeline batch for 64 rows, 5 times
 * a second, for a minute. The page is timed in headless Chromium: main-thread time spent per
 * update, its first 5 s against its last (does cost grow with the run's history?), and the
 * interval between frames. Then, on a run of its own, real CPython's fastest stream (4 threads, one
 * segment per turn, ~1500 a second). The bench's own probe of each window is measured on its own.
 */
import { mkdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { MachineInfo, RunEvent } from '../src/shared/results';
import { toWire } from '../src/shared/timeline-wire';
import { cpythonTurnsBetween, segmentsBetween } from './frame-feeds';
import { launchChromium, log, median, percentile, ROOT, sleep } from './common';
import { startSyntheticHost } from './frame-host';
import { fmt, verdict, type Section } from './report';
import { profiled, profileKind } from './profile';

/** Lanes of the synthetic machine: 128 by default, BENCH_LANES=256 for the larger option. */
export const CORES = lanesOption(process.env['BENCH_LANES']);
const WORKERS = 64;
const HZ = 5;
/** A GIL hand-over every 5 ms (the default interval): ~40 holds and ~130 waits per batch. */
const HOLD_MS = 5;
/** The page with a run shown as going but no data: its own background work per window. */
const IDLE_S = 3;
const CORES_WARM_S = 2;
const CORES_S = 5;
const WARM_S = 3;
/** Long enough for cost that grows with the run's history to show (the last seconds against the first). */
const MEASURE_S = measureOption(process.env['BENCH_MEASURE_S']);
/** The first and last this many seconds of the measured feed, to show whether cost grows as the timeline fills. */
const EDGE_S = 5;
/** Frame intervals are taken after the measured feed, while it goes on this long. */
const FRAMES_S = 5;
const GOAL_MS = 8;
/** Back-to-back probe pairs that measure the bench's own getMetrics call. */
const PROBE_PAIRS = 20;
/** Real CPython's fastest stream: 4 threads, 0.5 ms turns, ~1500 segments a second (turns plus hand-overs), in the harness's 4 batches a second. */
const CPY_THREADS = 4;
const CPY_TURN_MS = 0.5;
const CPY_SEGMENTS_PER_S = 1500;
const CPY_HZ = 4;
const CPY_WARM_S = 2;
const CPY_S = 20;
/**
 * BENCH_PROFILE=1 (or cpu, gc, heap, layers; see profile.ts): the measured feed runs under Chromium's
 * tracer and JS profiler, a trace of its collections, or the sampling heap profiler (its figures
 * are then inflated by them, and say so); bench/results gets a summary of where an update's time or
 * memory goes.
 */
const PROFILE = profileKind(process.env['BENCH_PROFILE']);
/** The last EDGE_S of the feed may cost at most this much more than the first (p95 against p95). */
const GROWTH_GOAL = 1.2;

/** 60 s unless BENCH_MEASURE_S says otherwise (shorter, for a quick comparison; the report says so). */
function measureOption(text: string | undefined): number {
  if (text === undefined || text === '') return 60;
  const seconds = Number(text);
  if (!Number.isInteger(seconds) || seconds < 2 * 5 || seconds > 600) throw new Error(`BENCH_MEASURE_S must be a whole number from 10 to 600, not "${text}"`);
  return seconds;
}

function lanesOption(text: string | undefined): number {
  if (text === undefined || text === '') return 128;
  const lanes = Number(text);
  if (!Number.isInteger(lanes) || lanes < 2 || lanes > 1024) throw new Error(`BENCH_LANES must be a whole number from 2 to 1024, not "${text}"`);
  return lanes;
}

const MACHINE: MachineInfo = {
  cpuModel: `synthetic ${CORES}-core machine (benchmark)`,
  logicalCores: CORES,
  physicalCores: CORES / 2,
  performanceCores: null,
  efficiencyCores: null,
  os: 'synthetic',
  arch: 'x64',
  totalMemoryBytes: 256e9,
};

export async function frameTime(): Promise<Section> {
  const host = await startSyntheticHost(MACHINE);
  const { browser, close } = await launchChromium();
  try {
    const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    await page.goto(host.url);
    await page.waitForSelector(`[data-testid="cores-panel"][data-lanes="${CORES}"]`);
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Performance.enable');
    // TaskDuration is wall time inside tasks: it grows when other programs take the cores. ThreadTime
    // is the main thread's own CPU time, which they do not inflate (much): both are reported.
    const metrics = async (): Promise<{ task: number; cpu: number }> => {
      const all = (await cdp.send('Performance.getMetrics')).metrics;
      const read = (name: string): number => all.find((m) => m.name === name)?.value ?? Number.NaN;
      return { task: read('TaskDuration'), cpu: read('ThreadTime') };
    };
    const cpuPerUpdate: number[] = [];

    const runId = 'synthetic-run';
    let startedAt = Date.now();
    // As the lab's bridge sends them (src/hosts/web/bridge.ts): timeline batches packed.
    const broadcast = (event: 'cores' | 'run', payload: unknown): void => {
      const sent = event === 'run' ? toWire(payload as RunEvent) : payload;
      for (const ws of host.clients) ws.send(JSON.stringify({ event, payload: sent }));
    };
    const labels = Array.from({ length: WORKERS }, (_, i) => `thread ${i + 1}`);
    broadcast('run', { type: 'run-started', runId, experiment: 'scaling', modes: ['threads'], steps: [{ id: 'threads', label: 'threads' }], workers: WORKERS } satisfies RunEvent);

    // Long tasks are recorded from here on; frame intervals only at the end (a rAF loop makes the
    // page produce a frame every vsync, which would add its own cost to the windows measured).
    await page.evaluate(() => {
      const w = window as unknown as { benchFrames: number[]; benchLong: number[] };
      w.benchFrames = [];
      w.benchLong = [];
      new PerformanceObserver((list) => list.getEntries().forEach((e) => w.benchLong.push(e.duration))).observe({ type: 'longtask' });
    });
    const startFrameProbe = (): Promise<void> =>
      page.evaluate(() => {
        const w = window as unknown as { benchFrames: number[]; benchFramesOff?: boolean };
        const loop = (t: number): void => {
          w.benchFrames.push(t);
          if (!w.benchFramesOff) requestAnimationFrame(loop);
        };
        requestAnimationFrame(loop);
      });

    const loads = Array.from({ length: CORES }, () => Math.random() * 100);
    let last = 0;
    /** Feeds the page for warm + measure seconds; returns the main-thread ms of each measured update window. */
    const feed = async (what: 'nothing' | 'cores' | 'cores+timeline', warmS: number, measureS: number): Promise<number[]> => {
      const perUpdate: number[] = [];
      const t0 = performance.now();
      let before = await metrics();
      for (let tick = 0; tick < (warmS + measureS) * HZ; tick++) {
        const now = Date.now() - startedAt;
        for (let c = 0; c < CORES; c++) loads[c] = Math.min(100, Math.max(0, (loads[c] ?? 0) + (Math.random() - 0.5) * 30));
        if (what !== 'nothing') broadcast('cores', { t: Date.now(), loads: [...loads] });
        if (what === 'cores+timeline') broadcast('run', { type: 'timeline', runId, stepId: 'threads', step: 'threads', mode: 'threads', segments: segmentsBetween(WORKERS, HOLD_MS, last, now) } satisfies RunEvent);
        last = now;
        await sleep(Math.max(0, t0 + ((tick + 1) * 1000) / HZ - performance.now()));
        // Main-thread time of the window this update opened: its handling, drawing and anything else the page did meanwhile.
        const after = await metrics();
        if (tick >= warmS * HZ) {
          perUpdate.push((after.task - before.task) * 1000);
          if (what === 'cores+timeline' && measureS === MEASURE_S) cpuPerUpdate.push((after.cpu - before.cpu) * 1000);
        }
        before = after;
      }
      return perUpdate;
    };
    /** A real-CPython step of CPY_THREADS rows fed at the harness's rate; main-thread ms (wall and CPU) per batch window. */
    const feedCpython = async (): Promise<{ task: number[]; cpu: number[] }> => {
      const cpyRun = 'synthetic-cpython';
      const step = { id: 'cpython:threads', label: 'threads · CPython' };
      broadcast('run', { type: 'run-started', runId: cpyRun, experiment: 'scaling', modes: ['threads'], steps: [step], workers: CPY_THREADS } satisfies RunEvent);
      const begun = Date.now();
      broadcast('run', { type: 'mode-started', runId: cpyRun, stepId: step.id, step: step.label, mode: 'threads', workers: CPY_THREADS, workerLabels: Array.from({ length: CPY_THREADS }, (_, i) => `Thread-${i + 1}`), startedAt: begun, spawnToGoMs: 0 } satisfies RunEvent);
      const out = { task: [] as number[], cpu: [] as number[] };
      const t0 = performance.now();
      let from = 0;
      let before = await metrics();
      for (let tick = 0; tick < (CPY_WARM_S + CPY_S) * CPY_HZ; tick++) {
        const now = Date.now() - begun;
        for (let c = 0; c < CORES; c++) loads[c] = Math.min(100, Math.max(0, (loads[c] ?? 0) + (Math.random() - 0.5) * 30));
        broadcast('cores', { t: Date.now(), loads: [...loads] });
        broadcast('run', { type: 'timeline', runId: cpyRun, stepId: step.id, step: step.label, mode: 'threads', segments: cpythonTurnsBetween(CPY_THREADS, 1000 / CPY_SEGMENTS_PER_S, CPY_TURN_MS, from, now) } satisfies RunEvent);
        from = now;
        await sleep(Math.max(0, t0 + ((tick + 1) * 1000) / CPY_HZ - performance.now()));
        const after = await metrics();
        if (tick >= CPY_WARM_S * CPY_HZ) {
          out.task.push((after.task - before.task) * 1000);
          out.cpu.push((after.cpu - before.cpu) * 1000);
        }
        before = after;
      }
      return out;
    };
    log(`frame time: synthetic feed: nothing, then ${CORES} core loads, then with ${WORKERS} timeline rows, at ${HZ} Hz`);
    const idle = await feed('nothing', 0, IDLE_S);
    // The bench's own probe: every window holds one getMetrics call on the page's main thread. Two
    // back to back with no data measure it (the second reading counts the first call's task).
    const probeCost: number[] = [];
    for (let i = 0; i < PROBE_PAIRS; i++) {
      const first = await metrics();
      const second = await metrics();
      probeCost.push((second.task - first.task) * 1000);
      await sleep(50);
    }
    const coresOnly = await feed('cores', CORES_WARM_S, CORES_S);
    startedAt = Date.now();
    last = 0;
    broadcast('run', { type: 'mode-started', runId, stepId: 'threads', step: 'threads', mode: 'threads', workers: WORKERS, workerLabels: labels, startedAt, spawnToGoMs: 0 } satisfies RunEvent);
    const measured = (): Promise<number[]> => feed('cores+timeline', WARM_S, MEASURE_S);
    const perUpdate = PROFILE ? await profiled(cdp, PROFILE, MEASURE_S + WARM_S, (MEASURE_S + WARM_S) * HZ, measured) : await measured();
    await startFrameProbe();
    await feed('cores+timeline', 0, FRAMES_S);
    const edge = EDGE_S * HZ;
    const probes = await page.evaluate(() => {
      const w = window as unknown as { benchFrames: number[]; benchLong: number[] };
      return { benchFrames: w.benchFrames, benchLong: w.benchLong };
    });
    const frames = probes.benchFrames.slice(1).map((t, i) => t - (probes.benchFrames[i] as number));
    // To look at: are this many lanes still readable after a minute of feed?
    const picture = join(ROOT, 'bench', 'results', `frame-time-${CORES}-lanes.png`);
    await mkdir(dirname(picture), { recursive: true });
    await page.screenshot({ path: picture });
    const panel = {
      view: await page.getAttribute('[data-testid="cores-panel"]', 'data-view'),
      lanes: await page.getAttribute('[data-testid="cores-panel"]', 'data-lanes'),
      samples: await page.getAttribute('[data-testid="cores-panel"]', 'data-samples'),
      segments: await page.getAttribute('[data-testid="timeline-panel"]', 'data-mode-segments'),
    };
    // Real CPython's rate, on a run of its own after the pictures: 4 threads taking 0.5 ms turns,
    // one segment per turn, in the harness's batches (python/harness/steps.py, REPORT_S).
    await page.evaluate(() => void ((window as unknown as { benchFramesOff: boolean }).benchFramesOff = true));
    const cpython = await feedCpython();
    const p95 = percentile(perUpdate, 0.95) ?? Number.NaN;
    const firstP95 = percentile(perUpdate.slice(0, edge), 0.95) ?? Number.NaN;
    const lastP95 = percentile(perUpdate.slice(-edge), 0.95) ?? Number.NaN;
    const growth = lastP95 / firstP95;
    const pass = p95 < GOAL_MS;
    const flat = growth <= GROWTH_GOAL;
    return {
      id: 'frame-time',
      title: `4b. Scale: renderer frame time at ${CORES} cores (SYNTHETIC feed)`,
      method:
        `SYNTHETIC: a fake host in the benchmark serves out/renderer and answers the bridge with a ${CORES}-core machine; it streams ${CORES} random-walk core loads ` +
        `and a timeline batch for ${WORKERS} threads (a hand-over every ${HOLD_MS} ms; packed, as the lab's bridge sends it: src/shared/timeline-wire.ts) at ${HZ} Hz. Headless Chromium, 1920x1080. First the core loads alone ` +
        `(after ${IDLE_S} s with no data as a baseline; ${CORES_WARM_S} s warm-up, ${CORES_S} s measured), then with the timeline (${WARM_S} s warm-up, ${MEASURE_S} s measured). Main-thread time per update = ` +
        `growth of Chromium's TaskDuration metric (CDP) over each ${1000 / HZ} ms window. Then ${FRAMES_S} s more of the same feed with a rAF loop recording frame intervals; ` +
        `long tasks (PerformanceObserver) over the whole feed. Each window holds one of the bench's own getMetrics calls; its cost is measured from ${PROBE_PAIRS} pairs of calls back to back with no data, and reported, not subtracted. ` +
        `Last, a run of its own at real CPython's fastest rate: ${CPY_THREADS} threads, ${CPY_TURN_MS} ms turns, ${CPY_SEGMENTS_PER_S} segments/s in ${CPY_HZ} batches/s (python/harness/steps.py), with the core loads, ${CPY_WARM_S} s warm-up, ${CPY_S} s measured. ` +
        `Goal: p95 main-thread time per update < ${GOAL_MS} ms, and the p95 of the last ${EDGE_S} s within ${GROWTH_GOAL}x of the first ${EDGE_S} s (cost follows what arrived, not the run's history).`,
      tables: [
        {
          title: `Renderer fed ${CORES} core lanes + ${WORKERS} timeline rows at ${HZ} Hz — SYNTHETIC data, not a run`,
          columns: ['measure', 'median', 'p95', 'max', 'n', 'goal', 'result'],
          rows: [
            ['main-thread time per window, ms: no data (baseline)', fmt(median(idle), 1), fmt(percentile(idle, 0.95), 1), fmt(Math.max(...idle), 1), String(idle.length), '–', '–'],
            ['main-thread time per update, ms: core loads alone', fmt(median(coresOnly), 1), fmt(percentile(coresOnly, 0.95), 1), fmt(Math.max(...coresOnly), 1), String(coresOnly.length), '–', '–'],
            ['main-thread time per update, ms: core loads + timeline', fmt(median(perUpdate), 1), fmt(p95, 1), fmt(Math.max(...perUpdate), 1), String(perUpdate.length), `p95 < ${GOAL_MS} ms`, verdict(pass)],
            ['  … main-thread CPU time (ThreadTime, not inflated by other programs)', fmt(median(cpuPerUpdate), 1), fmt(percentile(cpuPerUpdate, 0.95), 1), fmt(Math.max(...cpuPerUpdate), 1), String(cpuPerUpdate.length), '–', '–'],
            [`  … its first ${EDGE_S} s`, fmt(median(perUpdate.slice(0, edge)), 1), fmt(percentile(perUpdate.slice(0, edge), 0.95), 1), fmt(Math.max(...perUpdate.slice(0, edge)), 1), String(edge), '–', '–'],
            [`  … its last ${EDGE_S} s`, fmt(median(perUpdate.slice(-edge)), 1), fmt(lastP95, 1), fmt(Math.max(...perUpdate.slice(-edge)), 1), String(edge), `p95 ≤ ${GROWTH_GOAL}x first`, verdict(flat)],
            ['  … of which the bench\'s own probe (one getMetrics call a window; measured back to back, no data)', fmt(median(probeCost), 2), fmt(percentile(probeCost, 0.95), 2), fmt(Math.max(...probeCost), 2), String(probeCost.length), '–', '–'],
            [`frame interval (rAF), ms, ${FRAMES_S} s after the above`, fmt(median(frames), 1), fmt(percentile(frames, 0.95), 1), fmt(Math.max(...frames), 1), String(frames.length), '–', '–'],
            [`main-thread time per batch, ms: real CPython's rate (${CPY_THREADS} threads, ${CPY_TURN_MS} ms turns: ${CPY_SEGMENTS_PER_S} segments/s in ${CPY_HZ} batches/s; cores too), ${CPY_S} s`, fmt(median(cpython.task), 1), fmt(percentile(cpython.task, 0.95), 1), fmt(Math.max(...cpython.task), 1), String(cpython.task.length), '–', '–'],
            ['  … main-thread CPU time', fmt(median(cpython.cpu), 1), fmt(percentile(cpython.cpu, 0.95), 1), fmt(Math.max(...cpython.cpu), 1), String(cpython.cpu.length), '–', '–'],
            [`  … its last ${EDGE_S} s (first ${EDGE_S} s: p95 ${fmt(percentile(cpython.task.slice(0, EDGE_S * CPY_HZ), 0.95), 1)})`, fmt(median(cpython.task.slice(-EDGE_S * CPY_HZ)), 1), fmt(percentile(cpython.task.slice(-EDGE_S * CPY_HZ), 0.95), 1), fmt(Math.max(...cpython.task.slice(-EDGE_S * CPY_HZ)), 1), String(EDGE_S * CPY_HZ), '–', '–'],
            ['long tasks (> 50 ms), ms', fmt(probes.benchLong.length ? median(probes.benchLong) : null, 0), '–', fmt(probes.benchLong.length ? Math.max(...probes.benchLong) : null, 0), String(probes.benchLong.length), '–', '–'],
          ],
          notes: [
            ...(MEASURE_S !== 60 ? [`SHORT FEED (BENCH_MEASURE_S=${MEASURE_S}): the issue's goal is over 60 s.`] : []),
            ...(PROFILE ? [`PROFILED (BENCH_PROFILE=${PROFILE}): the ${PROFILE === 'heap' ? 'heap profiler' : PROFILE === 'gc' ? 'tracer (collections only)' : PROFILE === 'layers' ? 'layer tree inspector' : 'tracer and profiler'} ran during the measured feed; its figures are inflated by it.`] : []),
            `The cores panel showed ${panel.lanes} lanes as "${panel.view}" and had received ${panel.samples} samples; the timeline held ${panel.segments} segments at the end (screenshot: ${picture}).`,
            'Main-thread time per update is all the work one update causes (handling, React, canvas drawing), however it is split into tasks; the frame interval shows whether that work made frames late: ~16.7 ms is the display rate itself, only the excess is the page being late.',
            'Headless Chromium with --disable-gpu draws canvases in software on a 2-core machine shared with other work; a desktop GPU makes drawing cheaper, so this is a pessimistic figure.',
          ],
        },
      ],
      gaps: [`a real ${CORES}-core machine running ${WORKERS} threads: none was at hand, so the feed is synthetic (shapes from src/shared/results.ts, numbers invented).`],
      checks: [
        { goal: `renderer at ${CORES} cores / ${WORKERS} rows (synthetic): p95 main-thread time per update < ${GOAL_MS} ms`, measured: `${fmt(p95, 1)} ms`, pass },
        { goal: `renderer at ${CORES} cores / ${WORKERS} rows (synthetic): p95 of the last ${EDGE_S} s ≤ ${GROWTH_GOAL}x the first ${EDGE_S} s`, measured: `${fmt(lastP95, 1)} / ${fmt(firstP95, 1)} ms = ${fmt(growth, 2)}x`, pass: flat },
      ],
      data: { idlePerWindowMs: idle, probeMs: probeCost, cpythonPerBatchMs: cpython.task, cpythonCpuPerBatchMs: cpython.cpu, coresOnlyPerUpdateMs: coresOnly, perUpdateMs: perUpdate, cpuPerUpdateMs: cpuPerUpdate, frameIntervalsMs: frames, longTasksMs: probes.benchLong, panel },
    };
  } finally {
    await close();
    await host.close();
  }
}
