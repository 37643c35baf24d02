/**
 * Where a page's main-thread time goes, for the frame-time section's BENCH_PROFILE=1: a Chromium
 * trace (tasks, style, layout, paint, GC) and a JS sampling profile over some work, written to
 * bench/results with a summary: self time by trace event on the renderer's main thread, and by
 * JS function (file:line).
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { CDPSession } from 'playwright';
import { log, ROOT } from './common';

const CATEGORIES = ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8.execute', 'blink', 'cc', 'toplevel'];

interface TraceEvent {
  name: string;
  ph: string;
  ts: number;
  dur?: number;
  pid: number;
  tid: number;
  args?: { name?: string };
}

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}

/** Self time per event name on the thread named CrRendererMain, in ms, largest first. */
function traceSummary(events: TraceEvent[]): [string, number][] {
  const main = events.find((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain');
  if (!main) return [];
  const spans = events.filter((e) => e.pid === main.pid && e.tid === main.tid && e.ph === 'X' && e.dur !== undefined).sort((a, b) => a.ts - b.ts || (b.dur ?? 0) - (a.dur ?? 0));
  const self = new Map<string, number>();
  const stack: { end: number; name: string }[] = [];
  const add = (name: string, us: number): void => void self.set(name, (self.get(name) ?? 0) + us);
  for (const e of spans) {
    while (stack.length > 0 && (stack[stack.length - 1] as { end: number }).end <= e.ts) stack.pop();
    const parent = stack[stack.length - 1];
    if (parent) add(parent.name, -(e.dur ?? 0));
    add(e.name, e.dur ?? 0);
    stack.push({ end: e.ts + (e.dur ?? 0), name: e.name });
  }
  return [...self.entries()].map(([name, us]): [string, number] => [name, us / 1000]).sort((a, b) => b[1] - a[1]);
}

/** Self time per function in a V8 CPU profile, in ms, largest first. */
function profileSummary(profile: { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] }): [string, number][] {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<string, number>();
  profile.samples.forEach((id, i) => {
    const frame = byId.get(id)?.callFrame;
    const key = frame ? `${frame.functionName || '(anonymous)'} ${frame.url.split('/').pop() ?? ''}:${frame.lineNumber + 1}` : '?';
    self.set(key, (self.get(key) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
  });
  return [...self.entries()].sort((a, b) => b[1] - a[1]);
}

export async function profiled<T>(cdp: CDPSession, work: () => Promise<T>): Promise<T> {
  const events: TraceEvent[] = [];
  const collected = new Promise<void>((resolve) => {
    cdp.on('Tracing.dataCollected', (data) => void events.push(...(data.value as unknown as TraceEvent[])));
    cdp.on('Tracing.tracingComplete', () => resolve());
  });
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 500 });
  await cdp.send('Tracing.start', { categories: CATEGORIES.join(','), transferMode: 'ReportEvents' });
  await cdp.send('Profiler.start');
  const result = await work();
  const { profile } = await cdp.send('Profiler.stop');
  await cdp.send('Tracing.end');
  await collected;
  const dir = join(ROOT, 'bench', 'results');
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, 'frame-time.cpuprofile'), JSON.stringify(profile));
  await writeFile(join(dir, 'frame-time.trace.json'), JSON.stringify({ traceEvents: events }));
  const lines = (rows: [string, number][]): string => rows.slice(0, 40).map(([name, ms]) => `${ms.toFixed(1).padStart(9)} ms  ${name}`).join('\n');
  const summary = `main thread, self time by trace event:\n${lines(traceSummary(events))}\n\nJS, self time by function:\n${lines(profileSummary(profile as never))}\n`;
  await writeFile(join(dir, 'frame-time.profile.txt'), summary);
  log(`profile written to ${dir} (frame-time.profile.txt, .cpuprofile, .trace.json)`);
  return result;
}
