/**
 * What the lab itself costs while nothing runs: CPU (as a share of one core) and memory of the
 * browser edition's host (node, with its sampler thread) and of the Chromium showing the page,
 * idle and while streaming core samples. A monitor that eats a core would show up in the lanes it
 * draws, so this must stay small.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright';
import pidusage from 'pidusage';
import { launchChromium, log, sleep, startWebHost } from './common';
import { fmt, verdict, type Check, type Section } from './report';

/** Long enough to average Chromium's periodic garbage collection (see the notes in the report). */
const WINDOW_S = 20;
const GOAL_IDLE = 3;
const GOAL_STREAMING = 5;

/** Every process under `root` (Chromium's zygotes, renderers, GPU and utility processes). */
function descendants(root: number): number[] {
  const parent = new Map<number, number>();
  for (const line of execFileSync('ps', ['-A', '-o', 'pid=,ppid='], { encoding: 'utf8' }).trim().split('\n')) {
    const [pid, ppid] = line.trim().split(/\s+/).map(Number);
    if (pid !== undefined && ppid !== undefined) parent.set(pid, ppid);
  }
  const found = [root];
  for (let i = 0; i < found.length; i++) for (const [pid, ppid] of parent) if (ppid === found[i]) found.push(pid);
  return found;
}

/** Chromium's kind of process from its command line (renderer, gpu-process, zygote, utility…); the browser has none. */
function chromiumKind(pid: number): string {
  try {
    return /--type=([\w-]+)/.exec(readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' '))?.[1] ?? 'browser';
  } catch {
    return 'unknown';
  }
}

/**
 * Proportional set size (shared pages split among their sharers), summed, in MB: a fair total for
 * a family of processes where RSS counts every shared page once per process. Linux only.
 */
function pssMB(pids: number[]): number | null {
  let kb = 0;
  for (const pid of pids) {
    try {
      kb += Number(/^Pss:\s+(\d+)/m.exec(readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8'))?.[1] ?? 0);
    } catch {
      if (pid === pids[0]) return null;
    }
  }
  return kb / 1024;
}

interface Snapshot {
  ctime: Map<number, number>;
  rss: number;
}

async function snapshot(pids: number[]): Promise<Snapshot> {
  const ctime = new Map<number, number>();
  let rss = 0;
  await Promise.all(
    pids.map(async (pid) => {
      try {
        const s = await pidusage(pid);
        ctime.set(pid, s.ctime);
        rss += s.memory;
      } catch {
        // Gone between listing and reading: a short-lived helper; its CPU is lost to us, not hidden.
      }
    }),
  );
  return { ctime, rss };
}

interface Usage {
  cpuPct: number;
  rssMB: number;
  pssMB: number | null;
}

/**
 * CPU time (user + system, all threads) each group used over the window, per wall time: % of one
 * core. Groups are re-listed at the end so a process born during the window counts from zero.
 */
async function measure(groups: Record<string, () => number[]>): Promise<Record<string, Usage>> {
  const names = Object.keys(groups);
  const first = await Promise.all(names.map((n) => snapshot(groups[n]?.() ?? [])));
  const t0 = performance.now();
  const peak = first.map((s) => s.rss);
  for (let s = 0; s < WINDOW_S; s++) {
    await sleep(1000);
    if (s < WINDOW_S - 1) (await Promise.all(names.map((n) => snapshot(groups[n]?.() ?? [])))).forEach((snap, i) => (peak[i] = Math.max(peak[i] ?? 0, snap.rss)));
  }
  const pids = names.map((n) => groups[n]?.() ?? []);
  const last = await Promise.all(pids.map((p) => snapshot(p)));
  const wall = performance.now() - t0;
  return Object.fromEntries(
    names.map((name, i) => {
      const start = first[i] as Snapshot;
      const end = last[i] as Snapshot;
      let used = 0;
      for (const [pid, ctime] of end.ctime) used += ctime - (start.ctime.get(pid) ?? 0);
      return [name, { cpuPct: (used / wall) * 100, rssMB: Math.max(peak[i] ?? 0, end.rss) / 1e6, pssMB: pssMB(pids[i] ?? []) }];
    }),
  );
}

/** Samples the page has received so far (the cores panel counts them). */
const received = async (page: Page): Promise<number> => Number((await page.getAttribute('[data-testid="cores-panel"]', 'data-samples')) ?? 0);

export async function labCost(): Promise<Section> {
  const rows: string[][] = [];
  const checks: Check[] = [];
  const data: Record<string, unknown> = {};
  const host = await startWebHost();
  const { browser, pid: chromiumPid, close } = await launchChromium().catch((error: unknown) => {
    void host.stop();
    throw error;
  });
  const chromium = (): number[] => (chromiumPid ? descendants(chromiumPid) : []);
  // The page's own renderer apart from the rest of Chromium, so a cost can be traced to the page.
  const renderer = (): number[] => chromium().filter((pid) => chromiumKind(pid) === 'renderer');
  const rest = (): number[] => chromium().filter((pid) => chromiumKind(pid) !== 'renderer');
  const hostPids = (): number[] => [host.pid];

  const record = async (label: string, goal: number, page: Page | undefined): Promise<void> => {
    log(`lab cost: ${label}, ${WINDOW_S} s`);
    const before = page ? await received(page) : 0;
    const usage = await measure(page ? { host: hostPids, renderer, rest } : { host: hostPids });
    const got = page ? (await received(page)) - before : 0;
    const h = usage.host as Usage;
    const r = usage.renderer;
    const o = usage.rest;
    const total = h.cpuPct + (r?.cpuPct ?? 0) + (o?.cpuPct ?? 0);
    const pass = total < goal;
    const memory = r && o ? `${fmt(r.rssMB + o.rssMB, 0)} / ${fmt(r.pssMB !== null && o.pssMB !== null ? r.pssMB + o.pssMB : null, 0)}` : '–';
    rows.push([label, fmt(got / WINDOW_S, 1), fmt(h.cpuPct, 2), r ? fmt(r.cpuPct, 2) : '–', o ? fmt(o.cpuPct, 2) : '–', fmt(total, 2), fmt(h.rssMB, 0), memory, `< ${goal} %`, verdict(pass)]);
    checks.push({ goal: `${label}: lab CPU < ${goal} % of one core`, measured: `${fmt(total, 2)} %`, pass });
    data[label] = { ...usage, samplesPerSecond: got / WINDOW_S };
  };

  try {
    await sleep(3000);
    await record('host alone, no page (sampler off)', GOAL_IDLE, undefined);

    const context = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
    // The desktop window samples only while watched; the browser page always watches. Dropping
    // its watchCores call gives the desktop's idle: page drawn and connected, no sampling.
    const quiet = await context.newPage();
    await quiet.addInitScript(() => {
      const send = WebSocket.prototype.send;
      WebSocket.prototype.send = function (this: WebSocket, data: string | ArrayBufferLike | Blob | ArrayBufferView) {
        if (typeof data === 'string' && data.includes('"call":"watchCores"')) return;
        send.call(this, data);
      };
    });
    await quiet.goto(host.url);
    await quiet.waitForSelector('[data-testid="cores-panel"]');
    await sleep(3000);
    await record('page open, not sampling', GOAL_IDLE, quiet);
    await quiet.close();

    const page = await context.newPage();
    await page.goto(host.url);
    await page.waitForSelector('[data-testid="cores-panel"]');
    const defaultHz = await page.inputValue('[data-testid="sample-hz"]');
    await sleep(3000);
    await record(`page open, sampling at its default (${defaultHz} Hz)`, GOAL_STREAMING, page);
    for (const hz of ['2', '5']) {
      await page.fill('[data-testid="sample-hz"]', hz);
      // As a user leaves the field: a focused field's blinking caret makes two frames a second of its own.
      await page.locator('[data-testid="sample-hz"]').blur();
      await sleep(2000);
      await record(`page open, streaming at ${hz} Hz`, GOAL_STREAMING, page);
    }
    await context.close();
  } finally {
    await close();
    await host.stop();
    pidusage.clear();
  }

  return {
    id: 'lab-cost',
    title: "2. The lab's own cost",
    method:
      `The browser edition started as users start it (node out/main/web.js) and the built page opened in headless Chromium (1920x1080). For each state, ` +
      `${WINDOW_S} s of CPU time (user + system, every thread) read with pidusage at the start and end, per wall time = % of one core, summed over the ` +
      `host pid and every Chromium pid (the browser and its descendants); RSS is the largest sum seen in 1 s readings; Chromium's processes share pages, so its RSS sum overstates and its PSS sum (Linux, at the end of the window) is the fair total. ` +
      `2–3 s settle before each window; no workload runs. The rate is typed into the page's own field, which is then left as a user leaves it (a focused field's blinking caret costs frames of its own). The host keeps its preferences in a temporary directory, so the default rate is the lab's, not the last benchmark's. Goals: < ${GOAL_IDLE} % idle, < ${GOAL_STREAMING} % while samples stream.`,
    tables: [
      {
        title: 'CPU as % of one core, memory in MB',
        columns: ['state', 'samples/s received', 'host CPU %', 'page renderer CPU %', 'rest of Chromium CPU %', 'total %', 'host RSS', 'Chromium RSS / PSS', 'goal', 'result'],
        rows,
        notes: [
          `CPU time is counted in clock ticks (10 ms here): over ${WINDOW_S} s each process is exact to about ${fmt(1 / WINDOW_S, 2)} % of a core. The page's V8 runs a memory-reducing garbage collection about every half minute (~0.1 s of CPU over its threads); a window of ${WINDOW_S} s holds its fair share of it rather than all or none.`,
          '"not sampling": the page loads and connects, but its watchCores call is dropped in the page, so the host never starts sampling; the desktop app is like this whenever no window watches the cores.',
        ],
      },
    ],
    checks,
    gaps: [
      'the desktop (Electron) app: the browser edition stands in for it (same engine and page); its window adds Electron\'s own processes, which this run does not see.',
      'the desktop app\'s idle (window open, cores not watched) directly: "page open, not sampling" reproduces it in the browser edition.',
    ],
    data,
  };
}
