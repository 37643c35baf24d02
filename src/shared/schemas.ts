/**
 * Zod schemas for everything that crosses a process boundary into the engine. The engine parses
 * with them before it does anything, so a hostile or mistaken caller gets a sentence, not a crash.
 */
import { z } from './zod-config';
import { EXPERIMENT_IDS, FREE_THREADED_BUILDS, isExperimentId, MODES } from './experiments';
import { LIMITS, maxWorkers } from './limits';
import { pythonChoiceSchema } from './python-schemas';

const finite = (label: string) =>
  z.number({ error: `${label} must be a number` }).refine(Number.isFinite, `${label} must be a finite number`);

function bounded(label: string, min: number, max: number, unit = '') {
  return finite(label)
    .min(min, `${label} must be at least ${min}${unit}`)
    .max(max, `${label} must be at most ${max}${unit}`);
}

/** A run request; `cores` sets the worker cap of this machine. */
export function runRequestSchema(cores: number) {
  const cap = maxWorkers(cores);
  return z.strictObject({
    experiment: z
      .string({ error: 'experiment must be a text id' })
      .max(64, 'experiment id is too long')
      .refine(isExperimentId, {
        error: `unknown experiment; choose one of: ${EXPERIMENT_IDS.join(', ')}`,
      }),
    modes: z.array(z.enum(MODES, { error: `mode must be one of: ${MODES.join(', ')}` })).min(1).max(MODES.length).optional(),
    workers: bounded('workers', LIMITS.workers.min, cap, ` (this machine has ${cores} cores)`).refine(
      Number.isInteger,
      'workers must be a whole number',
    ),
    seconds: bounded('seconds', LIMITS.seconds.min, LIMITS.seconds.max, ' s'),
    switchMs: bounded('switch interval', LIMITS.switchMs.min, LIMITS.switchMs.max, ' ms'),
    /** The free-threaded build a lesson models; lessons without that control ignore it. */
    build: z.enum(FREE_THREADED_BUILDS, { error: `build must be one of: ${FREE_THREADED_BUILDS.join(', ')}` }).optional(),
    /**
     * Real CPython times its baseline again after each step compared with it, and reports the
     * step's speedup against the baseline around it too (`speedupAround`): slower, steadier on a
     * machine whose speed changes between seconds. The simulation ignores it.
     */
    baselineEachStep: z.boolean({ error: 'baselineEachStep must be true or false' }).optional(),
  });
}
export type RunRequest = z.infer<ReturnType<typeof runRequestSchema>>;

export const watchCoresSchema = z.strictObject({
  hz: bounded('sampling rate', LIMITS.sampleHz.min, LIMITS.sampleHz.max, ' Hz'),
});
export type WatchCoresRequest = z.infer<typeof watchCoresSchema>;

export const emptySchema = z.undefined({ error: 'this call takes no argument' });

/** The first problem of a failed parse, as one sentence a user can act on. */
export function describeIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'invalid input';
  if (issue.code === 'unrecognized_keys') return `unknown field${issue.keys.length > 1 ? 's' : ''}: ${issue.keys.join(', ')}`;
  const where = issue.path.length > 0 && !issue.message.startsWith(String(issue.path[0])) ? `${issue.path.join('.')}: ` : '';
  return `${where}${issue.message}`;
}

/** What the lab remembers between launches. Every field optional: old files stay readable. */
export const preferencesSchema = z.strictObject({
  theme: z.enum(['dark', 'light']).optional(),
  presentation: z.boolean().optional(),
  /** Single-key shortcuts (Space, arrows, P, E, ?); off for speech input or switch users (WCAG 2.1.4). */
  shortcuts: z.boolean().optional(),
  sampleHz: bounded('sampling rate', LIMITS.sampleHz.min, LIMITS.sampleHz.max, ' Hz').optional(),
  lastLesson: z.string().max(64).optional(),
  /**
   * The interpreter lessons also run on: its executable (from the discovered list, or a path the
   * user added, probed again before each run); null when the user chose the simulation only.
   */
  python: pythonChoiceSchema.nullable().optional(),
  /** CPython times a lesson's baseline again around each step (the page's "Around each step"). */
  steadyBaseline: z.boolean().optional(),
  /** Per lesson: whether it has been run, and the last prediction chosen. */
  progress: z
    .record(z.string().max(64), z.strictObject({ ran: z.boolean(), prediction: z.number().finite().nullable().optional() }))
    .refine((r) => Object.keys(r).length <= 64, 'too many lessons in progress')
    .optional(),
});
export type Preferences = z.infer<typeof preferencesSchema>;

/** Largest file the desktop app will save for the page: a 4K PNG at 2x is far smaller. */
export const MAX_EXPORT_BYTES = 40 * 1024 * 1024;

export const saveFileSchema = z.strictObject({
  /** Suggested file name, shown in the save dialog; a plain name, no folders. */
  name: z
    .string()
    .min(1)
    .max(120, 'file name is too long')
    .regex(/^[\w .()-]+\.(png|csv|json)$/, 'file name must be a plain name ending in .png, .csv or .json'),
  /** File contents: base64 for PNG, text for CSV and JSON. */
  data: z.string().max(Math.ceil((MAX_EXPORT_BYTES * 4) / 3), 'the file is too large to save'),
  encoding: z.enum(['base64', 'utf8']),
});
export type SaveFileRequest = z.infer<typeof saveFileSchema>;

export const copyImageSchema = z.strictObject({
  pngBase64: z.string().min(1).max(Math.ceil((MAX_EXPORT_BYTES * 4) / 3), 'the picture is too large to copy'),
});
