/**
 * Fidelity: every lesson with a real counterpart, on the simulation and on real CPython, through
 * the lab's own runner (`lab run <id> --engine both`: the lesson's own Python under the harness in
 * python/, the same code the app runs; no second copy of the Python side). The lab's claim is that
 * its figures are Python's; lab / CPython per step says how far that holds on this machine.
 */
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { intervalKept } from '../src/lessons/switch-interval/program';
import { osDelayMs, type OsTiming } from '../src/shared/os-timing';
import { REAL_LESSONS, type PythonRun } from '../src/shared/python-schemas';
import type { ModeResult } from '../src/shared/results';
import { pairSteps, type StepPair } from '../src/shared/side-by-side';
import { findPython, log, OUT_MAIN, runJson } from './common';
import { fmt, verdict, type Check, type Section, type Table } from './report';

/** Speedups within this band count as the same figure (issue 12). */
const SPEEDUP_BAND = 0.15;
/** Median hold (turn) lengths within this band (issue 12). */
const HOLD_BAND = 0.25;
/** A step's slowdown against another step of its run, within this band (as holds: a ratio of two times). */
const SLOWDOWN_BAND = 0.25;
/**
 * Whether the slowdown is judged, or shown beside its band. Shown: CPython's own figure is not one
 * figure on a shared machine. With a core free for the blocked thread, counter-race's lock step
 * read 11.6-19.4x CPython 3.11's GIL step (five rounds, 0.5 M increments a thread); when another
 * program holds that core, the blocked thread is not woken in time, one thread runs all its
 * increments in a row and CPython reads 3-5x (bench/python/lock_cost.py, perf). The lab read 7.9-13.5x
 * in the same five rounds: lab / CPython 0.42-1.16, median 0.84. Three more rounds at a load of 3.7
 * found both engines in the other regime: CPython 3.0-5.8x, the lab 2.6-8.3x (ratios 0.58-2.76).
 */
const SLOWDOWN_JUDGED = false;
/**
 * Steps measured on how much longer they took than another step of the same run, on each engine:
 * counter-race's locked step against its step under the GIL alone (the lesson quotes that ratio).
 */
const SLOWDOWN_STEPS: Readonly<Record<string, { step: string; against: string }>> = { 'counter-race': { step: 'lock', against: 'gil' } };

/** A pair, with its step's slowdown on each engine where the lesson is judged on one. */
export type Paired = StepPair & { slowdown?: { lab: number; real: number }; unsteady?: Spread };

/** The fastest and slowest of CPython's timings of its baseline in one round. */
interface Spread {
  minMs: number;
  maxMs: number;
}

/**
 * CPython's baseline as timed around each step of one round (the first timing and each one after a
 * step), fastest to slowest; null when the round did not time it again. On this project's VM the
 * same 0.5 s of the scaling lesson's loop took 0.26-0.56 s back to back, in phases of a few seconds
 * (the lab's loop: within 20 %), so one round's ratio can be CPython's noise alone.
 */
function baselineSpread(pairs: readonly StepPair[]): Spread | null {
  const timings = pairs.flatMap((p) => [p.real?.metrics['baselineBeforeMs'], p.real?.metrics['baselineAfterMs']]).filter((ms): ms is number => typeof ms === 'number' && ms > 0);
  return timings.length < 2 ? null : { minMs: Math.min(...timings), maxMs: Math.max(...timings) };
}

/**
 * The round's pairs, those judged on a speedup against a baseline CPython timed again marked
 * unsteady when that baseline's timings in the round spread wider than the speedup band: a ratio
 * of two such times cannot be read to within the band, and the round is left out of the median.
 */
function withSteadiness(pairs: readonly Paired[]): Paired[] {
  const spread = baselineSpread(pairs);
  if (!spread || spread.maxMs / spread.minMs - 1 <= SPEEDUP_BAND) return [...pairs];
  return pairs.map((p) => (p.real?.metrics['speedupAround'] != null ? { ...p, unsteady: spread } : p));
}

/** The pairs of one run, the slowdown step given its slowdown on each engine. */
function withSlowdown(lesson: string, pairs: readonly StepPair[]): Paired[] {
  const judged = SLOWDOWN_STEPS[lesson];
  const base = pairs.find((p) => p.stepId === judged?.against);
  return pairs.map((p) => {
    if (!judged || p.stepId !== judged.step || !base) return p;
    const lab = ratioOf(p.lab?.wallMs, base.lab?.wallMs);
    const real = ratioOf(p.real?.wallMs, base.real?.wallMs);
    return lab !== null && real !== null ? { ...p, slowdown: { lab, real } } : p;
  });
}

interface CliRun {
  runs: ModeResult[];
}

/** One lesson on both engines through the CLI; its steps paired by the lesson's step ids. */
async function bothEngines(lesson: string, python: string, seconds: number): Promise<{ pairs: StepPair[]; python: PythonRun | null }> {
  const out = await runJson<CliRun>(
    process.execPath,
    [join(OUT_MAIN, 'cli.js'), 'run', lesson, '--seconds', String(seconds), '--python', python, '--engine', 'both', '--baseline-each-step', '--json'],
    600_000,
  );
  return { pairs: pairSteps(out.runs), python: out.runs.find((r) => r.python)?.python ?? null };
}

/**
 * CPython's speedup against its baseline as it ran around the step (the harness times the baseline
 * again after each step it is compared with, --baseline-each-step), else against the one baseline.
 * CPython's loop here changes speed between seconds where the lab's holds it: in one 3-round run
 * the scaling lesson's 1-task baseline took the lab 495-512 ms and CPython 504-788 ms, and CPython
 * read 8 processes at 2.36x on 2 cores and 4 threads under one GIL at 1.31x.
 */
const realSpeedup = (r: ModeResult | null | undefined): number | null | undefined => r?.metrics['speedupAround'] ?? r?.speedup;

const ratioOf = (lab: number | null | undefined, real: number | null | undefined): number | null =>
  lab == null || real == null || !Number.isFinite(lab) || !Number.isFinite(real) || real === 0 ? null : lab / real;

/**
 * A hold measured with no idle core: the waiters woke when the OS got round to them, not when their
 * interval ran out, so the hold is the scheduler's, on either engine (the lesson's own
 * reading, switch-interval/program.ts intervalKept, on each engine's step). Such a step is shown, not judged.
 */
const tooBusy = (p: StepPair): boolean => [p.lab, p.real].some((r) => r !== null && keptOn(r) === 'too busy');
/**
 * The lesson's own reading of a step's holds, for either engine (null where CPython's cores busy are
 * unknown). A real step that measured the OS (osTiming) carries its own reading, by what the OS kept.
 */
const keptOn = (r: ModeResult): string | null =>
  (r.osTiming ? r.findings?.interval : undefined) ??
  intervalKept(r, availableParallelism(), r.metrics['medianHoldMs'] ?? null, r.metrics['intervalMs'] ?? Number.NaN) ??
  null;
/**
 * A real hold the OS lengthened: CPython's waiter asks for the GIL only when its timed wait of the
 * interval returns and it has a core again, and the harness measured both delays beside the step
 * (shared/os-timing.ts). Comparing the lab's hold with it would judge the machine, not the lab.
 */
const osLate = (p: StepPair): OsTiming | null => (p.real && keptOn(p.real) === 'woken late' ? (p.real.osTiming ?? null) : null);

/** What a step is judged on: its slowdown ratio where the lesson has one, its speedup ratio (not the sequential baseline's), else its hold ratio. */
function judgedOf(p: Paired): { ratio: number; band: number; what: string; judge?: false } | null {
  if (p.slowdown) return { ratio: p.slowdown.lab / p.slowdown.real, band: SLOWDOWN_BAND, what: 'slowdown', ...(SLOWDOWN_JUDGED ? {} : { judge: false as const }) };
  const hold = ratioOf(p.lab?.metrics['medianHoldMs'], p.real?.metrics['medianHoldMs']);
  const speedup = ratioOf(p.lab?.speedup, realSpeedup(p.real));
  if (speedup !== null && p.lab?.mode !== 'sequential') return p.unsteady ? null : { ratio: speedup, band: SPEEDUP_BAND, what: 'speedup' };
  // Convoy's response times (the wait included, the same wait on both engines) are timings like a hold.
  const response = ratioOf(p.lab?.metrics['medianLatencyMs'], p.real?.metrics['medianLatencyMs']);
  if (response !== null) return { ratio: response, band: HOLD_BAND, what: 'median response' };
  return hold !== null && !tooBusy(p) && !osLate(p) ? { ratio: hold, band: HOLD_BAND, what: 'median hold' } : null;
}

/**
 * One step over the rounds: the round whose judged ratio is the median (its figures are shown),
 * and the ratios of every round. With one round, that round. The median of per-round ratios,
 * each round's lab and CPython phases minutes apart at most, keeps one disturbed phase (a
 * neighbour's build landing on one engine's run) from deciding the verdict.
 */
function medianRound(rounds: readonly Paired[]): { pair: Paired; ratios: number[] } {
  const judged = rounds.map((p) => ({ p, r: judgedOf(p)?.ratio ?? null }));
  const ranked = judged.filter((j): j is { p: Paired; r: number } => j.r !== null).sort((a, b) => a.r - b.r);
  const middle = ranked[(ranked.length - 1) >> 1];
  return { pair: middle?.p ?? (rounds[0] as Paired), ratios: ranked.map((j) => j.r) };
}

/**
 * With rounds asked for, true while some step that was judged in a round has fewer than two
 * rounds it could be judged in: a verdict from one round is one phase of the machine, which is
 * what rounds are there to outvote. The caller runs extra rounds, at most as many again.
 */
export function thinlyJudged(rounds: readonly Paired[][], roundCount: number): boolean {
  if (roundCount < 2) return false;
  const judged = new Map<string, number>();
  const seen = new Set<string>();
  for (const pair of rounds.flat()) {
    if (!pair.lab || !pair.real) continue;
    seen.add(pair.stepId);
    if (judgedOf(pair)) judged.set(pair.stepId, (judged.get(pair.stepId) ?? 0) + 1);
  }
  return [...seen].some((id) => (judged.get(id) ?? 0) === 1);
}

/** "1.81 / 1.86 (against its first baseline 2.36)": CPython's figure against the baseline around the step, as judged. */
function speedupText(p: Paired): string {
  const around = p.real?.metrics['speedupAround'];
  const first = around != null && p.real?.speedup != null ? ` (against its first baseline ${fmt(p.real.speedup)})` : '';
  return `${fmt(p.lab?.speedup)} / ${fmt(realSpeedup(p.real))}${first}`;
}

/** "0.94, 1.02 (1 round left out: CPython's baseline unsteady)" */
function roundsText(ratios: readonly number[], unsteady: number): string {
  const left = unsteady > 0 ? `${ratios.length > 0 ? ' ' : ''}(${unsteady} round${unsteady > 1 ? 's' : ''} left out: CPython's baseline unsteady)` : '';
  return `${ratios.map((r) => fmt(r)).join(', ')}${left}` || '–';
}

/** Why a step with no verdict has none, in the table's words. */
function notJudged(p: Paired): string {
  if (p.unsteady) {
    const { minMs, maxMs } = p.unsteady;
    return `not judged: in every round CPython's own baseline varied wider than ±${SPEEDUP_BAND * 100} % (this one: ${fmt(minMs / 1000)}-${fmt(maxMs / 1000)} s, ${fmt(maxMs / minMs)}x)`;
  }
  const os = osLate(p);
  if (os) {
    const queued = os.runDelayMs !== null && os.switches > 0 ? os.runDelayMs / os.switches : null;
    return `not judged: the OS did not keep CPython's ${os.intervalMs} ms interval (waits ${fmt(os.timerLateMs)} ms late${queued !== null ? `, ${fmt(queued)} ms a switch ready with no core free` : ''}; interval + delays ${fmt(os.intervalMs + (osDelayMs(os) ?? Number.NaN))} ms)`;
  }
  return tooBusy(p) ? `not judged: no idle core (the lab's step found ${fmt(p.lab?.metrics['idleCores'])})` : 'shown';
}

export async function fidelity(seconds: number, only?: readonly string[], roundCount = 1): Promise<Section> {
  const unknown = (only ?? []).filter((id) => !(REAL_LESSONS as readonly string[]).includes(id));
  if (unknown.length > 0) throw new Error(`no real counterpart for ${unknown.join(', ')}; choose from ${REAL_LESSONS.join(', ')}`);
  const lessons = REAL_LESSONS.filter((id) => !only || only.includes(id));
  const method =
    `For each lesson with a real counterpart (${lessons.join(', ')}): \`lab run <id> --seconds ${seconds} --python python3 --engine both --json\`, ` +
    "the simulation (calibrated on this machine) then the lesson's own Python code on the interpreter under the lab's harness (sizes calibrated on that " +
    `interpreter). Steps paired by the lesson's step ids; ${roundCount === 1 ? 'one round per lesson' : `${roundCount} rounds per lesson, each step judged on the median of its per-round ratios (the median round's figures shown), and up to ${roundCount} more where a step could be judged in one round only`}. ` +
    "CPython's speedups are taken against its baseline as it ran around each step (`--baseline-each-step`: the harness times the baseline again after each step " +
    "compared with it and uses the geometric mean of the timings just before and just after); CPython's loop here changes speed between seconds, the lab's does not. " +
    `Goals (issue 12): lab / CPython speedup within ±${SPEEDUP_BAND * 100} %, median hold (switch-interval) and median response (convoy) within ±${HOLD_BAND * 100} %, ` +
    `counter-race's slowdown with the lock (its locked step's wall time over its step under the GIL alone, on each engine) ${SLOWDOWN_JUDGED ? '' : 'shown beside '}±${SLOWDOWN_BAND * 100} %. ` +
    'Wall times are shown, not judged: the two calibrate their own sizes. On a shared machine use --rounds 3: one phase landing on a neighbour\'s job moves a ratio by 30 % or more.';
  const base = { id: 'fidelity', title: '1. Fidelity against real CPython', method };
  const python = await findPython();
  if (!python) return { ...base, tables: [], checks: [], skipped: 'no python3 (or python) on PATH, so there is nothing real to compare with.', data: null };

  const rows: string[][] = [];
  const checks: Check[] = [];
  const gaps: string[] = [];
  const data: Record<string, unknown> = {};
  let interpreter: PythonRun | null = null;
  for (const lesson of lessons) {
    const rounds: Paired[][] = [];
    try {
      for (let round = 1; round <= roundCount || (round <= roundCount * 2 && thinlyJudged(rounds, roundCount)); round++) {
        const of = round <= roundCount ? `round ${round} of ${roundCount}` : `extra round ${round - roundCount}: a step had fewer than two steady rounds`;
        log(`fidelity: ${lesson} on the simulation and on ${python}${roundCount > 1 ? `, ${of}` : ''}`);
        const both = await bothEngines(lesson, python, seconds);
        rounds.push(withSteadiness(withSlowdown(lesson, both.pairs)));
        interpreter ??= both.python;
      }
    } catch (error) {
      gaps.push(`${lesson}: ${error instanceof Error ? error.message : String(error)}`);
      continue;
    }
    data[lesson] = rounds.map((pairs) => pairs.map((p) => ({ step: p.stepId, lab: p.lab, cpython: p.real })));
    for (const first of (rounds[0] ?? []).filter((q) => q.lab && q.real)) {
      const { pair: p, ratios } = medianRound(rounds.flatMap((pairs) => pairs.filter((q) => q.stepId === first.stepId && q.lab && q.real)));
      const judged = judgedOf(p);
      const hold = ratioOf(p.lab?.metrics['medianHoldMs'], p.real?.metrics['medianHoldMs']);
      const pass = judged && judged.judge !== false ? Math.abs(judged.ratio - 1) <= judged.band : null;
      rows.push([
        lesson,
        p.label,
        p.slowdown ? `slowdown ${fmt(p.slowdown.lab)}x / ${fmt(p.slowdown.real)}x` : speedupText(p),
        fmt(p.slowdown ? p.slowdown.lab / p.slowdown.real : ratioOf(p.lab?.speedup, realSpeedup(p.real))),
        hold !== null ? `${fmt(p.lab?.metrics['medianHoldMs'])} / ${fmt(p.real?.metrics['medianHoldMs'])} ms (${fmt(hold)})` : '–',
        `${fmt((p.lab?.wallMs ?? NaN) / 1000)} / ${fmt((p.real?.wallMs ?? NaN) / 1000)}`,
        `${fmt(p.lab?.coresUsed)} / ${fmt(p.real?.coresUsed)}`,
        ...(roundCount > 1 ? [roundsText(ratios, rounds.filter((pairs) => pairs.some((q) => q.stepId === first.stepId && q.unsteady)).length)] : []),
        pass !== null ? verdict(pass) : judged?.judge === false ? `shown (within ±${judged.band * 100} %: ${Math.abs(judged.ratio - 1) <= judged.band ? 'yes' : 'no'}; see note)` : notJudged(p),
      ]);
      if (judged && pass !== null) checks.push({ goal: `${lesson} ${p.label}: lab / CPython ${judged.what} within ±${judged.band * 100} %`, measured: fmt(judged.ratio), pass });
    }
  }
  if (lessons.includes('free-threaded') && interpreter?.freeThreaded !== true) {
    gaps.push('the free-threaded lesson: this python3 is not a free-threaded build; run with a 3.13t/3.14t python3 on PATH to compare it.');
  }
  const table: Table = {
    title: `Each lesson's steps on the simulation and on ${interpreter ? `CPython ${interpreter.version}${interpreter.freeThreaded ? ' (free-threaded)' : ''}, ${interpreter.executable}` : python}`,
    columns: [
      'lesson', 'step', 'speedup (lab / CPython)', 'lab / CPython', 'median hold (lab / CPython)', 'wall s (lab / CPython)', 'cores used (lab / CPython)',
      ...(roundCount > 1 ? ['judged ratio per round, sorted'] : []), 'result',
    ],
    rows,
    notes: [
      'Sequential steps are the baseline (1x on both sides by definition) and are not judged; steps with neither a speedup, a hold nor a slowdown are shown, not judged.',
      ...(SLOWDOWN_JUDGED
        ? []
        : [
            "counter-race's slowdown with the lock is shown, not judged: CPython's own figure reads 12-19x when the blocked thread has a core free and 3-5x when another program holds it " +
              '(the thread is then not woken in time and one thread runs all its increments in a row), so one band cannot hold it on a shared machine (bench/python/lock_cost.py).',
          ]),
      `CPython's speedup in a round is not judged when its baseline, timed before the first step and again after each step compared with it, varied in that round by more than ±${SPEEDUP_BAND * 100} % ` +
        "(fastest to slowest): a ratio of two times from a clock that unsteady cannot be read to within the band. On this project's 2-core VM the same 0.5 s of CPython's loop took 0.26-0.56 s back to back, in phases of a few seconds, its CPU time equal to its wall time (no steal): the VM's cores change speed under CPython's interpreter loop far more than under the lab's.",
      'A hold measured while the machine had no idle core is not judged: a waiting thread then asks for the GIL when the OS gets round to it, not when its interval ends, ' +
        "so the hold is the scheduler's on either engine (the lesson reads it as 'too busy'). With rounds, such rounds are left out of the median.",
      "Nor is a CPython hold the OS did not keep: the harness measures, beside each switch-interval step, how late the OS woke timed waits of the interval and how long the threads stood ready with no core " +
        "(python/harness/os_delays.py); when those delays add more than a fifth of the interval, the turns ran long (mean over 1.2x the interval) and the delays account for them, the turns are the machine's ('woken late'), and the row says by how much.",
      "Median hold: the lab's is its GIL client's, from take to drop; CPython's is read from each thread's stamps, a turn's first to last stamp plus one stamp period " +
        '(the stamps fall inside the hold, half a period from each end on average; python/harness/clock.py).',
    ],
  };
  return {
    ...base,
    tables: [table],
    checks,
    ...(gaps.length > 0 ? { gaps } : {}),
    data: { python: interpreter, seconds, rounds: roundCount, lessons: data },
  };
}
