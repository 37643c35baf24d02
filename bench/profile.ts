/**
 * Where a page's main-thread time and memory go, for the frame-time section's BENCH_PROFILE:
 *
 * - `1` (or `cpu`): a Chromium trace (tasks, style, layout, paint, GC) and a JS sampling profile,
 *   summarised as frames per update, self time by trace event on the renderer's main thread and by
 *   JS function.
 * - `gc`: a trace of V8's collections only (light enough to leave the figures nearly as they are):
 *   how many minor and major collections ran, how long the main thread was stopped by each, and
 *   why V8 ran it (its memory reducer, a full young generation, a heap limit).
 * - `heap`: V8's sampling heap profiler, counting what was allocated (kept or collected since) by
 *   function, to find what allocates in the steady state.
 * - `layers`: the page's composited layers at the end and how often each was repainted: what
 *   Chromium repaints and commits for every update.
 *
 * Everything goes to bench/results (frame-time.profile.txt and the raw files beside it).
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { CDPSession } from 'playwright';
import { log, median, ROOT } from './common';

export type ProfileKind = 'cpu' | 'gc' | 'heap' | 'layers';

/** BENCH_PROFILE as a kind, or null for a plain run. */
export function profileKind(text: string | undefined): ProfileKind | null {
  if (text === undefined || text === '' || text === '0') return null;
  if (text === '1' || text === 'cpu') return 'cpu';
  if (text === 'gc' || text === 'heap' || text === 'layers') return text;
  throw new Error(`BENCH_PROFILE must be 1 (or cpu), gc, heap or layers, not "${text}"`);
}

const CATEGORIES: Record<'cpu' | 'gc', string[]> = {
  cpu: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8.execute', 'blink', 'cc', 'toplevel', 'disabled-by-default-v8.gc'],
  // The v8.gc category adds V8's own record of each collection: its cause and pause phases.
  gc: ['devtools.timeline', 'disabled-by-default-v8.gc'],
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

/** What V8 says of one collection in its trace (V8.GCTraceGCNVP, category disabled-by-default-v8.gc): its cause and the phases of its pause. */
interface GcNvp {
  pause: number;
  reason?: string;
  reduce_memory?: boolean;
  start_global_consumed_size?: number;
  end_global_consumed_size?: number;
  [phase: string]: unknown;
}

/** The NVP record V8 writes at the end of the collection `e`, if the trace has it. */
function nvpOf(e: TraceEvent, events: TraceEvent[]): GcNvp | null {
  const end = e.ts + (e.dur ?? 0);
  const record = events.find((n) => n.name === 'V8.GCTraceGCNVP' && n.pid === e.pid && n.ts >= e.ts && n.ts <= end + 2000);
  const value = (record?.args as { value?: string } | undefined)?.value;
  if (value === undefined) return null;
  try {
    return JSON.parse(value) as GcNvp;
  } catch {
    return null;
  }
}

/**
 * Why a collection ran, in V8's words, and its largest pause phases. A full collection with
 * reduce_memory set is V8's memory reducer (it runs when the page allocates slowly, not because
 * the heap is full); "global" heap is V8's plus Blink's (DOM, canvas) objects.
 */
function gcCause(nvp: GcNvp | null): string {
  if (!nvp) return '';
  const mb = (bytes: number | undefined): string => (bytes === undefined ? '?' : (bytes / 2 ** 20).toFixed(1));
  const phases = ['evacuate', 'mark', 'sweep', 'clear', 'heap.embedder_tracing_epilogue', 'mark.embedder_prologue', 'incremental', 'incremental.sweep_array_buffers', 'incremental.embedder_tracing', 'scavenge']
    .map((name): [string, number] => [name, typeof nvp[name] === 'number' ? (nvp[name] as number) : 0])
    .filter(([, ms]) => ms >= 0.5)
    .sort((a, b) => b[1] - a[1])
    .slice(0, 4)
    .map(([name, ms]) => `${name} ${ms.toFixed(1)}`);
  return `  ${nvp.reduce_memory ? 'MEMORY REDUCER, ' : ''}${nvp.reason ?? '?'}; global ${mb(nvp.start_global_consumed_size)} -> ${mb(nvp.end_global_consumed_size)} MB${phases.length ? `; ${phases.join(', ')} ms` : ''}`;
}

/** The main thread's pauses for V8's collections (MinorGC, MajorGC events): counts, lengths, and each one with its cause. */
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
    lines.push(`  ${((e.ts - start) / 1e6).toFixed(1).padStart(6)} s  ${e.name.padEnd(7)} ${((e.dur ?? 0) / 1000).toFixed(1).padStart(5)} ms  heap ${mb(e.args?.usedHeapSizeBefore)} -> ${mb(e.args?.usedHeapSizeAfter)} MB${gcCause(nvpOf(e, events))}`);
  }
  return lines.join('\n');
}

/**
 * Frames the page drew (animation-frame callbacks on its main thread, where all its drawing is
 * done) against the updates fed: one each is the aim, every extra one costs a frame's fixed work.
 */
function frameSummary(events: TraceEvent[], updates: number): string {
  const frames = mainThread(events).filter((e) => e.name === 'FireAnimationFrame');
  const ms = frames.map((e) => (e.dur ?? 0) / 1000);
  return `animation frames: ${frames.length} for ${updates} updates (${(frames.length / updates).toFixed(2)} per update); their callbacks: median ${median(ms)?.toFixed(1) ?? '–'} ms`;
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

interface Layer {
  layerId: string;
  backendNodeId?: number;
  width: number;
  height: number;
  drawsContent: boolean;
  paintCount: number;
}

/**
 * The composited layers as the feed ends and how often each was repainted during it (Chromium's
 * paint counts, then and at the start), named by their element.
 */
async function layered<T>(cdp: CDPSession, updates: number, work: () => Promise<T>): Promise<{ result: T; summary: string }> {
  let layers: Layer[] = [];
  let first: Map<string, number> | null = null;
  cdp.on('LayerTree.layerTreeDidChange', (event) => {
    if (!event.layers) return;
    layers = event.layers as Layer[];
    first ??= new Map(layers.map((l) => [l.layerId, l.paintCount]));
  });
  await cdp.send('DOM.enable');
  await cdp.send('LayerTree.enable');
  const result = await work();
  await cdp.send('LayerTree.disable');
  const rows: string[] = [];
  for (const layer of layers) {
    let node = '';
    const described = layer.backendNodeId ? await cdp.send('DOM.describeNode', { backendNodeId: layer.backendNodeId }).catch(() => null) : null;
    const n = described?.node;
    if (n) {
      const attrs = n.attributes ?? [];
      // Attributes come as a flat list: name, value, name, value…
      const attr = (name: string): string | undefined => {
        const at = attrs.findIndex((a, i) => i % 2 === 0 && a === name);
        return at < 0 ? undefined : attrs[at + 1];
      };
      const testid = attr('data-testid');
      const classes = attr('class');
      node = `${n.nodeName.toLowerCase()}${testid ? `[${testid}]` : ''}${classes ? `.${classes.split(' ').join('.')}` : ''}`;
    }
    const paints = layer.paintCount - ((first as Map<string, number> | null)?.get(layer.layerId) ?? 0);
    rows.push(`  ${`${layer.width}x${layer.height}`.padStart(10)} ${layer.drawsContent ? 'draws' : '     '}  repainted ${String(paints).padStart(4)}x  ${node}`);
  }
  return { result, summary: `Composited layers at the end of the feed (${layers.length}), repaints during its ${updates} updates (canvases are not painted, they are handed over whole each frame):\n${rows.join('\n')}\n` };
}

/** Runs `work` (`seconds` of feed bringing `updates` updates) under the profile of `kind`; writes its summary. */
export async function profiled<T>(cdp: CDPSession, kind: ProfileKind, seconds: number, updates: number, work: () => Promise<T>): Promise<T> {
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
  } else if (kind === 'layers') {
    const run = await layered(cdp, updates, work);
    result = run.result;
    summary = run.summary;
  } else if (kind === 'gc') {
    const run = await traced(cdp, CATEGORIES.gc, work);
    result = run.result;
    await writeFile(join(dir, 'frame-time.gc-trace.json'), JSON.stringify({ traceEvents: run.events }));
    summary = `${frameSummary(run.events, updates)}\n\n${gcSummary(run.events, seconds)}\n`;
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
    summary = `${frameSummary(run.events, updates)}\n\nmain thread, self time by trace event:\n${lines(traceSummary(run.events), 'ms')}\n\nJS, self time by function:\n${lines(profileSummary(profile as never), 'ms')}\n\n${gcSummary(run.events, seconds)}\n`;
  }
  await writeFile(join(dir, 'frame-time.profile.txt'), summary);
  log(`${kind} profile written to ${dir} (frame-time.profile.txt and its raw data)`);
  return result;
}
