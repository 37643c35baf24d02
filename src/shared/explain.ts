/**
 * The sentences shown after a run, built only from the numbers just measured: what each step did
 * and what that says about the GIL. Every explanation is chosen by the figures, never assumed, so
 * a surprising run gets an honest sentence rather than the textbook one. Pure: the renderer shows
 * these sentences and the CLI prints them.
 */
import { busyMachineNotes, coresBusyElsewhere } from './busy-machine';
import type { Experiment, Mode, Prediction, TaskKind } from './experiments';
import type { ModeResult } from './results';

// ---------- number formats (the same figure reads the same everywhere) ----------

/** 1234567 as "1,234,567": written out, so the output does not depend on a locale. */
export function groupDigits(value: number): string {
  const sign = value < 0 ? '-' : '';
  return sign + String(Math.round(Math.abs(value))).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** Milliseconds as seconds: "4.10 s" below 10 s, "12.3 s" above. */
export function secondsText(ms: number): string {
  const s = ms / 1000;
  return `${s < 10 ? s.toFixed(2) : s.toFixed(1)} s`;
}

/** Milliseconds with the precision that matters at their size: "0.42 ms", "12.3 ms", "212 ms", "20 ms". */
export function msText(ms: number): string {
  const abs = Math.abs(ms);
  return `${abs >= 100 ? groupDigits(ms) : String(Number(ms.toFixed(abs < 10 ? 2 : 1)))} ms`;
}

/** A speedup or ratio: "0.98x", "12.4x"; null as an em dash. */
export function timesText(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  return `${value >= 100 ? groupDigits(value) : value >= 10 ? value.toFixed(1) : value.toFixed(2)}x`;
}

const plural = (n: number, one: string, many = `${one}s`): string => `${groupDigits(n)} ${n === 1 ? one : many}`;
const upperFirst = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);
const metric = (r: ModeResult | undefined, key: string): number | null => {
  const v = r?.metrics[key];
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
};

/** "4 threads", "1 process", "4 tasks in sequence", "10 coroutines on one event loop". */
export function workersPhrase(mode: Mode, workers: number): string {
  switch (mode) {
    case 'sequential':
      return `${plural(workers, 'task')} in sequence`;
    case 'processes':
      return plural(workers, 'process', 'processes');
    case 'free-threaded':
      return `${plural(workers, 'thread')} without a GIL`;
    case 'native':
      return `${plural(workers, 'thread')} in native code`;
    case 'asyncio':
      return `${plural(workers, 'coroutine')} on one event loop`;
    case 'hybrid':
      return `${plural(workers, 'thread')} with a process pool`;
    case 'threads':
      return plural(workers, 'thread');
  }
}

// ---------- finding a step ----------

/** The result of a step: its exact label, or else the last result of the mode with that name. */
export function findStep(results: readonly ModeResult[], step: string): ModeResult | undefined {
  const exact = results.find((r) => r.step === step);
  if (exact) return exact;
  for (let i = results.length - 1; i >= 0; i--) if (results[i]?.mode === step) return results[i];
  return undefined;
}

/** The step labelled `step`, or the `index`-th result as a fallback (engines may relabel). */
const pick = (results: readonly ModeResult[], step: string, index: number): ModeResult | undefined =>
  results.find((r) => r.step === step) ?? results[index];

// ---------- speedup lessons ----------

const runsInParallel = (mode: Mode): boolean => mode === 'processes' || mode === 'native' || mode === 'free-threaded';

/**
 * Why a step came out as it did, judged from its own figures. The cores the step itself used
 * decide first: other programs cannot raise them, and a baseline other programs slowed cannot
 * either, so they never credit threads with parallelism they did not have. The speedup decides
 * for results without them; the machine's cores busy only as a last resort.
 */
function reason(result: ModeResult, task: TaskKind): string {
  const { speedup, coresBusy: busy, coresUsed: used, mode } = result;
  if (mode === 'sequential') return 'one task after another, the baseline';
  if (task === 'io' && (mode === 'threads' || mode === 'asyncio')) {
    if (speedup === null) return 'compare it with a sequential run to see the overlap';
    if (speedup >= 0.6 * result.workers) return 'the waits overlapped, because a blocking call releases the GIL';
    if (speedup >= 1.2) return 'the waits overlapped only in part';
    return 'the waits did not overlap';
  }
  const parallel = used !== null ? used >= 1.3 : speedup !== null ? speedup >= 1.3 : busy !== null && busy >= 1.5;
  const elsewhere = coresBusyElsewhere(result);
  const othersBusy = elsewhere !== null ? elsewhere >= 0.5 : busy !== null && busy >= 1.5;
  if (mode === 'threads' || mode === 'asyncio') {
    const others = elsewhere !== null ? `; other programs kept ${elsewhere.toFixed(1)} more cores busy` : '; other work on this machine kept the extra cores busy';
    return parallel ? 'more than one thread made progress at once' : `the GIL let one thread run at a time${othersBusy ? others : ''}`;
  }
  if (parallel) {
    if (mode === 'native') return 'the loops ran on several cores at once, taking the GIL only to enter and leave the call';
    if (mode === 'free-threaded') return 'with no GIL to take turns on, every thread ran on a core of its own';
    return 'each has a GIL of its own, so several cores worked at once';
  }
  if (elsewhere !== null && othersBusy) return `other programs kept ${elsewhere.toFixed(1)} cores busy, leaving too few to run in parallel`;
  return speedup === null ? 'too few busy cores to tell' : 'no faster than in sequence on this machine right now';
}

/** The step's cores: those it used, beside the machine's when other programs added to them. */
function coresPhrase(result: ModeResult): string | null {
  const { coresUsed: used, coresBusy: busy } = result;
  if (used === null) return busy !== null ? `keeping ${busy.toFixed(1)} cores busy` : null;
  return `using ${used.toFixed(1)} cores${busy !== null && (coresBusyElsewhere(result) ?? 0) >= 0.5 ? ` (${busy.toFixed(1)} busy on the machine)` : ''}`;
}

/** "4 threads took 4.10 s, speedup 0.98x, using 1.0 cores: the GIL let one thread run at a time." */
export function stepSentence(result: ModeResult, task: TaskKind): string {
  const parts = [`${workersPhrase(result.mode, result.workers)} took ${secondsText(result.wallMs)}`];
  if (result.mode !== 'sequential' && result.speedup !== null) parts.push(`speedup ${timesText(result.speedup)}`);
  const cores = coresPhrase(result);
  if (cores !== null) parts.push(cores);
  return `${upperFirst(parts.join(', '))}: ${reason(result, task)}.`;
}

/** The ceiling of parallel work on this machine, said once when it caps what was measured. */
function coreCap(results: readonly ModeResult[], cores: number): string[] {
  const parallel = results.find((r) => runsInParallel(r.mode) && r.workers > cores && r.speedup !== null);
  if (!parallel) return [];
  return [`This machine has ${plural(cores, 'core')}, so ${workersPhrase(parallel.mode, parallel.workers)} can be at most ${cores}x faster than sequential.`];
}

function speedupLesson(results: readonly ModeResult[], task: TaskKind, cores: number): string[] {
  const shown = results.length > 1 ? results.filter((r) => r.mode !== 'sequential') : results;
  return [...shown.map((r) => stepSentence(r, task)), ...coreCap(results, cores)];
}

function freeThreaded(results: readonly ModeResult[], cores: number): string[] {
  const single = results.find((r) => r.mode === 'free-threaded' && metric(r, 'singleThreadCostPct') !== null);
  const lines = speedupLesson(results.filter((r) => r !== single), 'cpu', cores);
  const cost = metric(single, 'singleThreadCostPct');
  if (cost !== null) {
    lines.push(
      Math.abs(cost) < 2
        ? 'One thread without the GIL ran as fast as one with it (within 2 %) this time.'
        : cost > 0
          ? `One thread without the GIL took ${cost.toFixed(0)} % longer than one with it: reference counts made safe without one big lock cost every single thread a little.`
          : `One thread without the GIL was ${(-cost).toFixed(0)} % faster than one with it this time: the cost is small enough for noise to hide it.`,
    );
  }
  return lines;
}

function scaling(results: readonly ModeResult[], cores: number): string[] {
  const series = (mode: Mode): ModeResult[] =>
    results.filter((r) => r.mode === mode && r.speedup !== null).sort((a, b) => a.workers - b.workers);
  const lines: string[] = [];
  const threads = series('threads');
  if (threads.length > 0) {
    const values = threads.map((r) => r.speedup as number);
    const lo = Math.min(...values);
    const hi = Math.max(...values);
    const span = `from ${plural((threads[0] as ModeResult).workers, 'thread')} to ${(threads[threads.length - 1] as ModeResult).workers}`;
    lines.push(
      hi < 1.3
        ? `Threads stayed between ${timesText(lo)} and ${timesText(hi)} ${span}: however many there are, one holds the GIL at a time.`
        : `Threads reached ${timesText(hi)} at best ${span}: more than one made progress at once, which the GIL should not allow for pure Python.`,
    );
  }
  const procs = series('processes');
  if (procs.length > 0) {
    const best = Math.max(...procs.map((r) => r.speedup as number));
    const reached = procs.find((r) => (r.speedup as number) >= 0.9 * best) as ModeResult;
    const last = procs[procs.length - 1] as ModeResult;
    if (last.workers > cores && reached.workers < last.workers) {
      lines.push(
        `Processes climbed to ${timesText(reached.speedup)} at ${plural(reached.workers, 'process', 'processes')}, then levelled off (${timesText(last.speedup)} at ${last.workers}): this machine has ${plural(cores, 'core')}, and processes beyond that only take turns.`,
      );
    } else if (last.workers > cores) {
      lines.push(
        `Processes reached ${timesText(last.speedup)} at ${plural(last.workers, 'process', 'processes')}, against an ideal of ${cores}x: each has a GIL of its own, but this machine's ${plural(cores, 'core')} run no more than ${cores} at once.`,
      );
    } else {
      lines.push(
        `Processes reached ${timesText(last.speedup)} at ${plural(last.workers, 'process', 'processes')}, against an ideal of ${last.workers}x: each has a GIL and a core of its own.`,
      );
    }
  }
  return lines;
}

// ---------- the lock itself ----------

function lostUpdate(results: readonly ModeResult[]): string[] {
  const lines: string[] = [];
  const free = pick(results, 'no lock', 0);
  const locked = pick(results, 'with the GIL', 1);
  const expected = metric(free, 'expected');
  const actual = metric(free, 'actual');
  const lost = metric(free, 'lost');
  if (free && expected !== null && actual !== null) {
    const missing = lost ?? expected - actual;
    const pct = expected > 0 ? (missing / expected) * 100 : 0;
    lines.push(
      missing > 0
        ? `Without a lock ${plural(free.workers, 'thread')} counted ${groupDigits(actual)} of ${groupDigits(expected)} increments: ${groupDigits(missing)} (${pct < 0.1 ? pct.toFixed(3) : pct.toFixed(1)} %) were lost, because two threads read the same value and both wrote it back plus one.`
        : `Without a lock ${plural(free.workers, 'thread')} counted all ${groupDigits(expected)} increments this time: they never collided on the counter. Collisions need two cores at once; run again or count more.`,
    );
  }
  const lockedExpected = metric(locked, 'expected');
  const lockedActual = metric(locked, 'actual');
  if (locked && lockedExpected !== null && lockedActual !== null) {
    lines.push(
      lockedActual === lockedExpected
        ? `Under the GIL the count was exact: ${groupDigits(lockedActual)} of ${groupDigits(lockedExpected)}, because only the holder ever runs a read-add-write.`
        : `Under the GIL ${groupDigits(lockedExpected - lockedActual)} increments were lost, which a correct lock never allows: the lab reports it rather than hide it.`,
    );
  }
  return lines;
}

function switchInterval(results: readonly ModeResult[]): string[] {
  const intervalOf = (r: ModeResult): number => metric(r, 'intervalMs') ?? r.switchMs;
  const steps = results.filter((r) => metric(r, 'medianHoldMs') !== null).sort((a, b) => intervalOf(a) - intervalOf(b));
  const first = steps[0];
  const last = steps[steps.length - 1];
  if (!first || !last) return [];
  const lines: string[] = [];
  const holds = steps.map((r, i) => `${msText(metric(r, 'medianHoldMs') as number)} at ${i === 0 ? 'a ' : ''}${msText(intervalOf(r))}${i === 0 ? ' interval' : ''}`);
  const ratios = steps.map((r) => (metric(r, 'medianHoldMs') as number) / intervalOf(r));
  const tooBusy = steps.filter((r) => metric(r, 'tooBusy') === 1);
  const idle = tooBusy.map((r) => metric(r, 'idleCores')).filter((v): v is number => v !== null);
  const why = tooBusy.length > 0
    ? `longer than the interval, because this machine was too busy to honour it: with ${idle.length > 0 ? `${Math.max(...idle).toFixed(1)} cores idle` : 'no core idle'}, a waiting thread asked for the GIL only when the OS next ran it. On a machine with a core to spare, a thread holds the GIL about one interval`
    : ratios.every((x) => x >= 0.7 && x <= 3)
    ? 'a thread keeps the GIL about one interval, or a little more: the holder lets go at its next check after being asked'
    : ratios.some((x) => x > 3)
      ? 'the holder kept the GIL well past the interval: it noticed the drop request late'
      : 'holds were shorter than the interval: the threads let go on their own before anyone asked';
  lines.push(`Median holds: ${holds.join(', ')}: ${why}.`);
  const r0 = metric(first, 'switchesPerSecond');
  const r1 = metric(last, 'switchesPerSecond');
  const w0 = metric(first, 'medianWaitMs');
  const w1 = metric(last, 'medianWaitMs');
  if (first !== last && r0 !== null && r1 !== null && w0 !== null && w1 !== null) {
    lines.push(
      `From ${msText(intervalOf(first))} to ${msText(intervalOf(last))}, switches fell from ${groupDigits(r0)} to ${groupDigits(r1)} a second while the median wait grew from ${msText(w0)} to ${msText(w1)}: a long interval switches less, and keeps the others waiting longer.`,
    );
  } else if (r0 !== null && w0 !== null) {
    lines.push(`That made ${groupDigits(r0)} switches a second; a waiting thread waited a median ${msText(w0)}.`);
  }
  return lines;
}

function convoy(results: readonly ModeResult[], switchMs: number): string[] {
  const alone = pick(results, 'I/O alone', 0);
  const beside = pick(results, 'I/O beside a CPU thread', 1);
  const apart = pick(results, 'CPU work in a process', 2);
  const median = (r: ModeResult | undefined): number | null => metric(r, 'medianLatencyMs');
  const slower = (r: ModeResult | undefined): number | null => {
    const own = metric(r, 'slowdown');
    const a = median(alone);
    const m = median(r);
    return own ?? (a !== null && m !== null && a > 0 ? m / a : null);
  };
  const lines: string[] = [];
  const a = median(alone);
  if (a !== null) {
    const p95 = metric(alone, 'p95LatencyMs');
    lines.push(`Alone, the I/O thread answered in a median ${msText(a)}${p95 !== null ? ` (95th percentile ${msText(p95)})` : ''}.`);
  }
  const b = median(beside);
  const bx = slower(beside);
  if (b !== null) {
    lines.push(
      bx !== null && bx >= 1.5
        ? `Beside a CPU-bound thread the median response grew to ${msText(b)}, ${timesText(bx)} slower: every return from I/O waited for the busy thread to drop the GIL, which it does only when asked after a switch interval (${msText(switchMs)}).`
        : `Beside a CPU-bound thread the median response was ${msText(b)}${bx !== null ? ` (${timesText(bx)})` : ''}: hardly slower this time.`,
    );
  }
  const c = median(apart);
  const cx = slower(apart);
  if (c !== null) {
    lines.push(
      `With the CPU work in a process it answered in ${msText(c)}${cx !== null ? ` (${timesText(cx)})` : ''}: the I/O thread ${cx !== null && cx < 1.5 ? 'had its GIL to itself again' : 'still waited, for a core this time'}.`,
    );
  }
  return lines;
}

function deadlock(results: readonly ModeResult[]): string[] {
  const stuck = results.find((r) => r.cycle !== undefined || metric(r, 'outcome') === 2) ?? pick(results, 'callback deadlock', 0);
  const fixed = results.find((r) => r !== stuck && metric(r, 'outcome') === 0) ?? pick(results, 'GIL released around the lock', 1);
  const lines: string[] = [];
  if (stuck) {
    const after = metric(stuck, 'detectedAfterMs');
    if (metric(stuck, 'outcome') === 2 || stuck.cycle) {
      const cycle = stuck.cycle && stuck.cycle.length > 0 ? `${stuck.cycle.map((s) => s.replace(/\.$/, '')).join('; ')}.` : 'Each thread waited for a lock the other held.';
      lines.push(upperFirst(cycle));
      lines.push(`The lab found the cycle${after !== null ? ` after ${msText(after)}` : ''} and stopped every worker: neither thread could ever have gone on.`);
    } else {
      lines.push(`Without the fix the threads finished in ${secondsText(stuck.wallMs)} this time: the two locks were never taken in the fatal order.`);
    }
  }
  if (fixed && fixed !== stuck) {
    lines.push(
      metric(fixed, 'outcome') === 2
        ? 'With the GIL released around the lock the threads still deadlocked, which the fix should prevent.'
        : `With the GIL released around the lock both threads finished in ${msText(fixed.wallMs)}: the callback could take the GIL while the main thread waited for the mutex.`,
    );
  }
  return lines;
}

// ---------- the ways out ----------

function processCost(results: readonly ModeResult[]): string[] {
  const get = (step: string): ModeResult | undefined => results.find((r) => r.step === step);
  const lines: string[] = [];
  const tStart = metric(get('start threads'), 'startupMs');
  const pStart = metric(get('start processes'), 'startupMs');
  if (tStart !== null && pStart !== null) {
    const memory = metric(get('start processes'), 'memoryMB');
    const ratio = tStart > 0 ? ` (${timesText(pStart / tStart)} longer)` : '';
    lines.push(`Starting a thread took ${msText(tStart)}; starting a process took ${msText(pStart)}${ratio}${memory !== null ? `, and each process used ${groupDigits(memory)} MB` : ''}: a process is a whole new interpreter.`);
  }
  const tTrip = metric(get('1 MB to a thread and back'), 'roundTripMs');
  const pTrip = metric(get('1 MB to a process and back'), 'roundTripMs');
  if (tTrip !== null && pTrip !== null) {
    lines.push(`Sending 1 MB to a thread and back took ${msText(tTrip)}; to a process and back ${msText(pTrip)}: between processes every byte is serialised and copied, both ways.`);
  }
  const seq = get('tiny tasks in sequence') ?? results.find((r) => r.mode === 'sequential');
  const each = get('tiny tasks, one message each');
  const batched = get('tiny tasks, batched');
  if (seq && each && batched) {
    const n = seq.tasks > 1 ? `${groupDigits(seq.tasks)} tiny tasks` : 'The tiny tasks';
    const verdict =
      (each.speedup ?? 0) < 1 && (batched.speedup ?? 0) >= 1.1
        ? 'one message per task costs more than the task itself; batching pays the cost once per batch, and the pool wins'
        : (each.speedup ?? 0) < 1 && (batched.speedup ?? 0) >= 0.85
          ? 'one message per task costs more than the task itself; batching pays it once per batch, which brings the pool back to about the sequential time here'
          : (each.speedup ?? 0) < 1 && (batched.speedup ?? 0) > (each.speedup ?? 0)
            ? 'one message per task costs more than the task itself; batching pays it once per batch, but these tasks are so small that even batches lose to doing them in sequence'
            : (each.speedup ?? 0) >= 1
          ? 'here even one message per task paid off: the tasks were not tiny enough to drown in the messages'
          : 'even batched, sending the work cost more than it saved';
    lines.push(
      `${n} took ${secondsText(seq.wallMs)} in sequence, ${secondsText(each.wallMs)} with one message each (${timesText(each.speedup)}) and ${secondsText(batched.wallMs)} batched (${timesText(batched.speedup)}): ${verdict}.`,
    );
  }
  return lines;
}

function asyncio(results: readonly ModeResult[]): string[] {
  const waitsSeq = pick(results, 'waits one after another', 0);
  const waitsLoop = pick(results, 'waits on one event loop', 1);
  const cpuSeq = pick(results, 'CPU one after another', 2);
  const cpuLoop = pick(results, 'CPU as coroutines', 3);
  const lines: string[] = [];
  if (waitsSeq && waitsLoop) {
    // The loop is one thread; the number of waits is the sequential step's task count.
    const waits = waitsSeq.tasks > 1 ? waitsSeq.tasks : Math.max(waitsLoop.tasks, waitsLoop.workers);
    const overlapped = (waitsLoop.speedup ?? 0) >= 0.6 * waits;
    lines.push(
      `${upperFirst(plural(waits, 'wait'))} one after another took ${secondsText(waitsSeq.wallMs)}; on one event loop ${secondsText(waitsLoop.wallMs)} (${timesText(waitsLoop.speedup)}): ${overlapped ? 'the waits overlapped on a single thread, the loop asleep in one select() with the GIL released' : 'the waits overlapped only in part'}.`,
    );
  }
  if (cpuSeq && cpuLoop) {
    const stall = metric(cpuLoop, 'stallMs');
    lines.push(
      `CPU work as coroutines took ${secondsText(cpuLoop.wallMs)}, against ${secondsText(cpuSeq.wallMs)} one after another (${timesText(cpuLoop.speedup)}): one thread computes one thing at a time${stall !== null ? `, and the loop stalled for ${msText(stall)}, since a coroutine that computes never awaits` : ''}.`,
    );
  }
  return lines;
}

const STRATEGY_NAME: Readonly<Record<Mode, string>> = {
  sequential: 'in sequence',
  threads: 'threads',
  processes: 'processes',
  'free-threaded': 'free-threaded threads',
  native: 'native code',
  asyncio: 'asyncio',
  hybrid: 'the hybrid',
};

/** The fastest of some results: the one the engine ranked first, else the shortest wall time. */
function winner(results: readonly ModeResult[]): ModeResult | undefined {
  return (
    results.find((r) => metric(r, 'best') === 1) ??
    results.find((r) => metric(r, 'rank') === 1) ??
    [...results].filter((r) => r.mode !== 'sequential').sort((a, b) => a.wallMs - b.wallMs)[0]
  );
}

function hybrid(results: readonly ModeResult[]): string[] {
  const contenders = results.filter((r) => r.mode !== 'sequential');
  if (contenders.length === 0) return speedupLesson(results, 'mixed', 1);
  const items = metric(contenders[0], 'items');
  const list = contenders.map((r) => `${STRATEGY_NAME[r.mode]} ${secondsText(r.wallMs)} (${timesText(r.speedup)})`).join(', ');
  const lines = [`${items !== null ? `${upperFirst(plural(items, 'item'))}, fetched, processed and stored: ` : ''}${upperFirst(list)}.`];
  const first = winner(contenders);
  const why: Partial<Record<Mode, string>> = {
    hybrid: 'its threads overlapped the fetches and stores while the process pool computed in parallel',
    threads: 'with this much waiting per item, overlapping the waits mattered most, and the computing queued only briefly for the GIL',
    processes: 'with this much computing per item, doing it in parallel mattered most',
  };
  if (first) lines.push(`${upperFirst(STRATEGY_NAME[first.mode])} finished first${why[first.mode] ? `: ${why[first.mode]}` : ''}.`);
  return lines;
}

function strategy(results: readonly ModeResult[]): string[] {
  const workloads = [...new Set(results.map((r) => r.step))];
  return workloads.map((workload) => {
    const own = results.filter((r) => r.step === workload);
    const best = winner(own);
    const others = own.filter((r) => r !== best).map((r) => `${STRATEGY_NAME[r.mode]} ${timesText(r.speedup)}`);
    if (!best) return `${workload}: nothing measured.`;
    return `${workload}: ${STRATEGY_NAME[best.mode]} ${best.speedup !== null ? `won at ${timesText(best.speedup)}` : 'won'}${others.length > 0 ? ` (${others.join(', ')})` : ''}.`;
  });
}

/** Sentences about one run, from its own numbers, for every lesson of the course. */
export function explainRun(experiment: Experiment, results: readonly ModeResult[], cores: number): string[] {
  const own = results.filter((r) => r.experiment === experiment.id);
  if (own.length === 0) return [];
  const switchMs = own[0]?.switchMs ?? experiment.defaults.switchMs;
  const lines = lessonLines(experiment, own, cores, switchMs);
  // The switch-interval lesson says it in its own words; a deadlock and the strategy table claim no timing.
  if (experiment.id === 'switch-interval' || experiment.id === 'deadlock' || experiment.id === 'strategy') return lines;
  return [...lines, ...busyMachineNotes(own, cores)];
}

function lessonLines(experiment: Experiment, own: readonly ModeResult[], cores: number, switchMs: number): string[] {
  switch (experiment.id) {
    case 'scaling':
      return scaling(own, cores);
    case 'lost-update':
      return lostUpdate(own);
    case 'switch-interval':
      return switchInterval(own);
    case 'convoy':
      return convoy(own, switchMs);
    case 'free-threaded':
      return freeThreaded(own, cores);
    case 'process-cost':
      return processCost(own);
    case 'asyncio':
      return asyncio(own);
    case 'hybrid':
      return hybrid(own);
    case 'deadlock':
      return deadlock(own);
    case 'strategy':
      return strategy(own);
    default:
      return speedupLesson(own, experiment.task, cores);
  }
}

// ---------- the prediction, checked ----------

/** What was measured for the prediction, in words, and the choice it came closest to (or was, for a yes-or-no answer). */
interface Measured {
  text: string;
  choice: Prediction | null;
  exact?: boolean;
}

/** Choices with "about the cores" worth this machine's ceiling (read from the run's ideal line). */
function choicesFor(experiment: Experiment, results: readonly ModeResult[]): Prediction[] {
  const ideal = Math.max(0, ...results.map((r) => metric(r, 'ideal') ?? 0));
  return experiment.predictions.map((p) => (/cores/.test(p.label) && ideal > 0 ? { ...p, value: ideal } : p));
}

/** The exact choice if one equals the value, else the nearest on a log scale (2x is as far from 1x as 4x). */
export function nearestChoice(choices: readonly Prediction[], value: number): Prediction | null {
  const exact = choices.find((c) => c.value === value);
  if (exact) return exact;
  const log = (v: number): number => Math.log(Math.max(v, 1e-3));
  let best: Prediction | null = null;
  for (const c of choices) if (!best || Math.abs(log(c.value) - log(value)) < Math.abs(log(best.value) - log(value))) best = c;
  return best;
}

/** The choice naming a mode: "the hybrid" for hybrid, "processes" for processes. */
const choiceForMode = (choices: readonly Prediction[], mode: Mode): Prediction | null =>
  choices.find((c) => c.label.toLowerCase().includes(mode)) ?? null;

function measuredFor(experiment: Experiment, results: readonly ModeResult[]): Measured | null {
  const target = experiment.predicted;
  const choices = choicesFor(experiment, results);
  const result = findStep(results, target.step);
  if (target.figure === 'speedup') {
    if (!result || result.speedup === null) return null;
    const inSeconds = choices.every((c) => / s$/.test(c.label));
    // A step named after its mode reads better in words: "native code gave 1.9x".
    const name = result.step === result.mode && (result.mode === 'native' || result.mode === 'free-threaded') ? STRATEGY_NAME[result.mode] : result.step;
    const text = inSeconds ? `${name} took ${secondsText(result.wallMs)} (${timesText(result.speedup)})` : `${name} gave ${timesText(result.speedup)}`;
    return { text, choice: nearestChoice(choices, result.speedup) };
  }
  if (target.key === 'rank' || target.key === 'bestCode') {
    // "Which wins?": the answer is the winner's mode, among the results of that step (strategy) or of the run.
    const group = results.filter((r) => r.step === target.step);
    const best = winner(group.length > 1 ? group : results);
    if (!best) return null;
    const where = group.length > 1 ? ` for ${target.step} work` : '';
    return { text: `${STRATEGY_NAME[best.mode]} finished first${where} (${timesText(best.speedup)})`, choice: choiceForMode(choices, best.mode), exact: true };
  }
  const value = metric(result, target.key);
  if (!result || value === null) return null;
  const choice = nearestChoice(choices, value);
  switch (target.key) {
    case 'lostLevel': {
      const lost = metric(result, 'lost');
      const expected = metric(result, 'expected');
      return { text: lost !== null && expected !== null ? `${groupDigits(lost)} of ${groupDigits(expected)} were lost` : `${choice?.label ?? value} were lost`, choice, exact: true };
    }
    case 'outcome':
      return { text: value === 2 ? 'they deadlocked and never finished' : value === 1 ? 'they finished slowly' : `they finished in ${msText(result.wallMs)}`, choice, exact: true };
    case 'medianHoldMs': {
      const interval = metric(result, 'intervalMs') ?? result.switchMs;
      return { text: `at a ${msText(interval)} interval a thread held the GIL for a median ${msText(value)}`, choice };
    }
    case 'slowdown':
      return { text: `the I/O thread answered ${timesText(value)} slower`, choice };
    default:
      return { text: `${result.step} measured ${value.toFixed(2)}`, choice };
  }
}

/** "You predicted 'about 4x'; threads gave 0.95x, closest to 'about 1x'." or null with no prediction. */
export function predictionVerdict(experiment: Experiment, prediction: Prediction | null | undefined, results: readonly ModeResult[]): string | null {
  if (!prediction) return null;
  const said = `You predicted '${prediction.label}'`;
  const measured = measuredFor(experiment, results);
  if (!measured) return `${said}.`;
  if (measured.choice && measured.choice.label === prediction.label) return `${said}; ${measured.text}: well predicted.`;
  if (!measured.choice) return `${said}; ${measured.text}.`;
  return `${said}; ${measured.text}${measured.exact ? `: the answer was '${measured.choice.label}'` : `, closest to '${measured.choice.label}'`}.`;
}
