/**
 * Where a page's main-thread time and memory go, for the frame-time section's BENCH_PROFILE:
 *
 * - `1` (or `cpu`): a Chromium trace (tasks, style, layout, paint, GC) and a JS sampling profile,
 *   summarised as self time by trace event on the renderer's main thread and by JS function.
 * - `gc`: a trace of V8's collections only (light enough to leave the figures nearly as they are):
 *   how many minor and major collections ran and how long the main thread was stopped by each.
 * - `heap`: V8's sampling heap profiler, counting what was allocated (kept or collected since) by
 *   function, to find what allocates in the steady state.
 *
 * Everything goes to bench/results (frame-time.profile.txt and the raw files beside it).
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { CDPSession } from 'playwright';
import { log, median, ROOT } from './common';

export type ProfileKind = 'cpu' | 'gc' | 'heap';

/** BENCH_PROFILE as a kind, or null for a plain run. */
export function profileKind(text: string | undefined): ProfileKind | null {
  if (text === undefined || text === '' || text === '0') return null;
  if (text === '1' || text === 'cpu') return 'cpu';
  if (text === 'gc' || text === 'heap') return text;
  throw new Error(`BENCH_PROFILE must be 1 (or cpu), gc or heap, not "${text}"`);
}

const CATEGORIES: Record<'cpu' | 'gc', string[]> = {
  cpu: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8.execute', 'blink', 'cc', 'toplevel'],
  gc: ['devtools.timeline'],
};

interface TraceEvent {
  name: string;
  ph: string;
  ts: number;
  dur?: number;
  pid: number;
  tid: number;
  args?: { name?: string; usedHeapSizeBefore?: number; usedHeapSizeAfter?: number };
}

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}

interface HeapNode {
  callFrame: { functionName: string; url: string; lineNumber: number };
  selfSize: number;
  children: HeapNode[];
}

const where = (frame: { functionName: string; url: string; lineNumber: number }): string => `${frame.functionName || '(anonymous)'} ${frame.url.split('/').pop() ?? ''}:${frame.lineNumber + 1}`;

/** Complete events on the thread named CrRendererMain, in time order (outer before inner). */
function mainThread(events: TraceEvent[]): TraceEvent[] {
  const main = events.find((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain');
  if (!main) return [];
  return events.filter((e) => e.pid === main.pid && e.tid === main.tid && e.ph === 'X' && e.dur !== undefined).sort((a, b) => a.ts - b.ts || (b.dur ?? 0) - (a.dur ?? 0));
}

/** Self time per event name on the main thread, in ms, largest first. */
function traceSummary(events: TraceEvent[]): [string, number][] {
  const self = new Map<string, number>();
  const stack: { end: number; name: string }[] = [];
  const add = (name: string, us: number): void => void self.set(name, (self.get(name) ?? 0) + us);
  for (const e of mainThread(events)) {
    while (stack.length > 0 && (stack[stack.length - 1] as { end: number }).end <= e.ts) stack.pop();
    const parent = stack[stack.length - 1];
    if (parent) add(parent.name, -(e.dur ?? 0));
    add(e.name, e.dur ?? 0);
    stack.push({ end: e.ts + (e.dur ?? 0), name: e.name });
  }
  return [...self.entries()].map(([name, us]): [string, number] => [name, us / 1000]).sort((a, b) => b[1] - a[1]);
}

/** The main thread's pauses for V8's collections (MinorGC, MajorGC events): counts, lengths, and each major one. */
function gcSummary(events: TraceEvent[], seconds: number): string {
  const gcs = mainThread(events).filter((e) => e.name === 'MinorGC' || e.name === 'MajorGC');
  const start = gcs[0]?.ts ?? 0;
  const lines = [`V8 collections on the main thread over ${seconds.toFixed(0)} s of feed (pauses, ms):`];
  for (const kind of ['MinorGC', 'MajorGC']) {
    const pauses = gcs.filter((e) => e.name === kind).map((e) => (e.dur ?? 0) / 1000);
    const total = pauses.reduce((sum, ms) => sum + ms, 0);
    lines.push(`  ${kind}: ${pauses.length}, median ${median(pauses)?.toFixed(1) ?? '–'}, max ${pauses.length ? Math.max(...pauses).toFixed(1) : '–'}, total ${total.toFixed(1)}`);
  }
  for (const e of gcs) {
    const mb = (bytes: number | undefined): string => (bytes === undefined ? '?' : (bytes / 2 ** 20).toFixed(1));
    lines.push(`  ${((e.ts - start) / 1e6).toFixed(1).padStart(6)} s  ${e.name.padEnd(7)} ${((e.dur ?? 0) / 1000).toFixed(1).padStart(5)} ms  heap ${mb(e.args?.usedHeapSizeBefore)} -> ${mb(e.args?.usedHeapSizeAfter)} MB`);
  }
  return lines.join('\n');
}

/** Self time per function in a V8 CPU profile, in ms, largest first. */
function profileSummary(profile: { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] }): [string, number][] {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<string, number>();
  profile.samples.forEach((id, i) => {
    const frame = byId.get(id)?.callFrame;
    const key = frame ? where(frame) : '?';
    self.set(key, (self.get(key) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
  });
  return [...self.entries()].sort((a, b) => b[1] - a[1]);
}

/** Bytes allocated per function (self), in KiB, largest first; and per caller chain's top three frames. */
function heapSummary(root: HeapNode): { self: [string, number][]; stacks: [string, number][] } {
  const self = new Map<string, number>();
  const stacks = new Map<string, number>();
  const walk = (node: HeapNode, path: string[]): void => {
    const here = [...path, where(node.callFrame)];
    if (node.selfSize > 0) {
      const key = where(node.callFrame);
      self.set(key, (self.get(key) ?? 0) + node.selfSize / 1024);
      const stack = here.slice(-3).reverse().join(' < ');
      stacks.set(stack, (stacks.get(stack) ?? 0) + node.selfSize / 1024);
    }
    for (const child of node.children) walk(child, here);
  };
  walk(root, []);
  const sorted = (m: Map<string, number>): [string, number][] => [...m.entries()].sort((a, b) => b[1] - a[1]);
  return { self: sorted(self), stacks: sorted(stacks) };
}

async function traced<T>(cdp: CDPSession, categories: string[], work: () => Promise<T>): Promise<{ result: T; events: TraceEvent[] }> {
  const events: TraceEvent[] = [];
  const collected = new Promise<void>((resolve) => {
    cdp.on('Tracing.dataCollected', (data) => void events.push(...(data.value as unknown as TraceEvent[])));
    cdp.on('Tracing.tracingComplete', () => resolve());
  });
  await cdp.send('Tracing.start', { categories: categories.join(','), transferMode: 'ReportEvents' });
  const result = await work();
  await cdp.send('Tracing.end');
  await collected;
  return { result, events };
}

export async function profiled<T>(cdp: CDPSession, kind: ProfileKind, seconds: number, work: () => Promise<T>): Promise<T> {
  const dir = join(ROOT, 'bench', 'results');
  await mkdir(dir, { recursive: true });
  const lines = (rows: [string, number][], unit: string): string => rows.slice(0, 40).map(([name, value]) => `${value.toFixed(1).padStart(9)} ${unit}  ${name}`).join('\n');
  let summary: string;
  let result: T;
  if (kind === 'heap') {
    await cdp.send('HeapProfiler.enable');
    // Objects collected since are counted too: the steady state's garbage is what is looked for.
    await cdp.send('HeapProfiler.startSampling', { samplingInterval: 4096, includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: true });
    result = await work();
    const { profile } = await cdp.send('HeapProfiler.stopSampling');
    await writeFile(join(dir, 'frame-time.heapprofile'), JSON.stringify(profile));
    const { self, stacks } = heapSummary(profile.head as unknown as HeapNode);
    const total = self.reduce((sum, [, kib]) => sum + kib, 0);
    summary = `JS allocations over ${seconds} s of feed (sampled, collected ones included): ${(total / 1024).toFixed(1)} MiB, ${(total / seconds).toFixed(0)} KiB/s\n\nby function (self):\n${lines(self, 'KiB')}\n\nby the allocating function and its two callers:\n${lines(stacks, 'KiB')}\n`;
  } else if (kind === 'gc') {
    const run = await traced(cdp, CATEGORIES.gc, work);
    result = run.result;
    summary = `${gcSummary(run.events, seconds)}\n`;
  } else {
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 500 });
    const run = await traced(cdp, CATEGORIES.cpu, async () => {
      await cdp.send('Profiler.start');
      const value = await work();
      const { profile } = await cdp.send('Profiler.stop');
      return { value, profile };
    });
    result = run.result.value;
    const profile = run.result.profile;
    await writeFile(join(dir, 'frame-time.cpuprofile'), JSON.stringify(profile));
    await writeFile(join(dir, 'frame-time.trace.json'), JSON.stringify({ traceEvents: run.events }));
    summary = `main thread, self time by trace event:\n${lines(traceSummary(run.events), 'ms')}\n\nJS, self time by function:\n${lines(profileSummary(profile as never), 'ms')}\n\n${gcSummary(run.events, seconds)}\n`;
  }
  await writeFile(join(dir, 'frame-time.profile.txt'), summary);
  log(`${kind} profile written to ${dir} (frame-time.profile.txt and its raw data)`);
  return result;
}
