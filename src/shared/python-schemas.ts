/**
 * Real CPython beside the simulation: what an interpreter answers when probed, the JSON lines the
 * lab's harness (python/harness/run.py) writes, and what a CPython run reports. Every line from a
 * Python process is parsed with these before the engine believes it.
 */
import type { Experiment, ExperimentId } from './experiments';
import { osTimingSchema } from './os-timing';
import { z } from './zod-config';

/** Oldest CPython the harness supports (multiprocessing.parent_process, perf_counter_ns, f-strings). */
export const MIN_PYTHON: readonly [number, number] = [3, 9];

const version = z.string().regex(/^\d+\.\d+\.\d+$/, 'version must look like 3.12.1');

/** The probe's one line (python/harness/probe.py). */
export const probeOutputSchema = z.object({
  implementation: z.string().max(40),
  version,
  freeThreaded: z.boolean(),
  gilEnabled: z.boolean(),
  executable: z.string().min(1).max(4096),
});
export type ProbeOutput = z.infer<typeof probeOutputSchema>;

/** The interpreter a CPython run used, carried by every result it produced (and by exports). */
export interface PythonRun {
  executable: string;
  version: string;
  freeThreaded: boolean;
  gilEnabled: boolean;
}

/** An interpreter found on this machine that answered the probe as CPython 3.9+. */
export interface PythonInfo extends PythonRun {
  /** How it was found, e.g. "PATH: python3", "py -V:3.12", "pyenv 3.12.1", "uv", "added by you". */
  sources: string[];
  /** The short name shown in lists, e.g. "CPython 3.13.0 (free-threaded)". */
  label: string;
}

/** Something found that is not offered, and why (a Store alias, Python 2, PyPy, no answer). */
export interface PythonSkipped {
  path: string;
  reason: string;
}

export interface PythonList {
  pythons: PythonInfo[];
  skipped: PythonSkipped[];
}

/** Which engine runs a lesson: the simulation, the real interpreter, or both side by side. */
export const ENGINES = ['lab', 'cpython', 'both'] as const;
export type EngineChoice = (typeof ENGINES)[number];
export const engineSchema = z.enum(ENGINES, { error: `engine must be one of: ${ENGINES.join(', ')}` });

/**
 * How a caller names an interpreter: a name from the discovered list ("python3.12", "3.12") or an
 * absolute path that must then pass the probe. Never code, never arguments.
 */
export const pythonChoiceSchema = z
  .string({ error: 'python must be a name or an absolute path' })
  .min(1, 'python must not be empty')
  .max(1024, 'python path is too long')
  .refine((s) => !/[\0\n\r]/.test(s), 'python must be a single line');

/** A real thread seen from its own clock can only be running or not (a gap); never "waiting". */
export const REAL_THREAD_STATES = ['cpython-running'] as const;
export type RealThreadState = (typeof REAL_THREAD_STATES)[number];

const ms = z.number().refine(Number.isFinite, 'a time must be finite');
const label = z.string().max(200);
const stepId = z.string().regex(/^[a-z0-9.-]{1,80}$/, 'a step id is lower-case letters, digits, dots and dashes');

/** One run of one real worker, in ms since its step started (harness-side shape, no state). */
export const harnessSegmentSchema = z.object({ worker: z.number().int().min(0).max(1024), start: ms, end: ms });

const figure = z.number().nullable();

/**
 * A step's id as the harness reports it: the id the lab's simulated lesson gives the same step
 * ("threads", "threads-4", "interval-5", "start-processes"), what the page finds it by.
 */
export const harnessStepIdSchema = z.string().regex(/^[a-z0-9][a-z0-9.-]{0,63}$/, 'a step id is a short lower-case name such as "threads-4"');

/** Every line the harness may write. Anything else ends the run with a sentence. */
export const harnessLineSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('hello'), version, gilEnabled: z.boolean() }),
  z.object({ type: z.literal('calibrated'), perMs: z.number().positive(), stampPeriodMs: z.number().min(0), gapMs: z.number().min(0) }),
  z.object({ type: z.literal('step-started'), stepId: harnessStepIdSchema, step: label, mode: z.string().max(40), workers: z.number().int().min(0), labels: z.array(label).max(1024) }),
  z.object({ type: z.literal('segments'), stepId: harnessStepIdSchema, segments: z.array(harnessSegmentSchema).max(200_000) }),
  z.object({
    type: z.literal('step-finished'),
    stepId: harnessStepIdSchema,
    step: label,
    /** The lesson's own id of this step (as its simulated program names it), so the two pair up. */
    id: stepId.optional(),
    /** CPU time of the threads or processes that did the step's work; null where a pool did it. */
    cpuMs: z.number().min(0).nullable().optional(),
    mode: z.string().max(40),
    workers: z.number().int().min(0),
    tasks: z.number().int().min(0),
    taskSeconds: z.number().min(0),
    switchMs: z.number().min(0),
    wallMs: ms,
    startupMs: ms,
    speedup: figure,
    switches: z.number().int().min(0),
    metrics: z.record(z.string().max(40), figure),
    /** What the OS kept of the switch interval meanwhile (the switch-interval steps). */
    osTiming: osTimingSchema.optional(),
  }),
  z.object({ type: z.literal('error'), message: z.string().max(2000) }),
  z.object({ type: z.literal('done') }),
]);
export type HarnessLine = z.infer<typeof harnessLineSchema>;
export type HarnessStepFinished = Extract<HarnessLine, { type: 'step-finished' }>;

/** True when `version` ("3.12.1") is at least MIN_PYTHON. */
export function supportedVersion(version: string): boolean {
  const [major = 0, minor = 0] = version.split('.').map(Number);
  return major > MIN_PYTHON[0] || (major === MIN_PYTHON[0] && minor >= MIN_PYTHON[1]);
}

/** Why a probe answer cannot be used, as one sentence; null when it is CPython 3.9+. */
export function refusalFor(path: string, answer: ProbeOutput): string | null {
  if (answer.implementation !== 'CPython') return `${path} is ${answer.implementation}, not CPython; the lab measures CPython only.`;
  if (!supportedVersion(answer.version)) return `${path} is CPython ${answer.version}; the lab needs CPython ${MIN_PYTHON.join('.')} or newer.`;
  return null;
}

export function pythonLabel(p: PythonRun): string {
  const kind = p.freeThreaded ? (p.gilEnabled ? ' (free-threaded build, GIL on)' : ' (free-threaded)') : '';
  return `CPython ${p.version}${kind}`;
}

/** A real thread's run in the TimelineSegment shape, with the only state a real run can show. */
export interface RealTimelineSegment {
  worker: number;
  state: RealThreadState;
  start: number;
  end: number;
}

/** Lessons whose own Python code the harness can run (python/lessons/<id>.py). */
export const REAL_LESSONS = [
  'cpu-bound',
  'io-bound',
  'scaling',
  'counter-race',
  'switch-interval',
  'convoy',
  'native-release',
  'free-threaded',
  'subinterpreters',
  'process-cost',
  'asyncio',
  'hybrid',
] as const satisfies readonly ExperimentId[];
export const hasRealCounterpart = (id: string): boolean => (REAL_LESSONS as readonly string[]).includes(id);

/**
 * Why this interpreter cannot run a lesson's own Python, as one sentence, or null, from what the
 * lesson says it needs (`realNeeds`). The harness asks the same (python/harness/plans_gil.py) in
 * case it is started some other way.
 */
export function realLessonRefusal(lesson: Pick<Experiment, 'short' | 'realNeeds'>, python: Pick<PythonRun, 'version' | 'freeThreaded'>): string | null {
  const needs = lesson.realNeeds;
  if (!needs) return null;
  const name = `The ${lesson.short.toLowerCase()} lesson`;
  const [major = 0, minor = 0] = python.version.split('.').map(Number);
  if (needs.since) {
    const [wantMajor, wantMinor] = needs.since.version;
    if (major < wantMajor || (major === wantMajor && minor < wantMinor)) {
      return `${name} needs CPython ${wantMajor}.${wantMinor} or newer (${needs.since.feature}); CPython ${python.version} cannot run it, so only the simulation runs.`;
    }
  }
  if (needs.freeThreadedBuild && !python.freeThreaded) {
    return `${name} needs a free-threaded build (python3.13t or python3.14t); CPython ${python.version} has the GIL, so only the simulation runs.`;
  }
  return null;
}
