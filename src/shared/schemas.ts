/**
 * Zod schemas for everything that crosses a process boundary into the engine. The engine parses
 * with them before it does anything, so a hostile or mistaken caller gets a sentence, not a crash.
 */
import { z } from 'zod';
import { EXPERIMENT_IDS, MODES } from './experiments';
import { LIMITS, maxWorkers } from './limits';

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
      .refine((id) => EXPERIMENT_IDS.includes(id), {
        error: `unknown experiment; choose one of: ${EXPERIMENT_IDS.join(', ')}`,
      }),
    modes: z.array(z.enum(MODES, { error: `mode must be one of: ${MODES.join(', ')}` })).min(1).max(MODES.length).optional(),
    workers: bounded('workers', LIMITS.workers.min, cap, ` (this machine has ${cores} cores)`).refine(
      Number.isInteger,
      'workers must be a whole number',
    ),
    seconds: bounded('seconds', LIMITS.seconds.min, LIMITS.seconds.max, ' s'),
    switchMs: bounded('switch interval', LIMITS.switchMs.min, LIMITS.switchMs.max, ' ms'),
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
