/**
 * What Run sends: the lesson's request plus which engine runs it and on which interpreter. The
 * page may name an interpreter (a name from the discovered list or an absolute path, probed before
 * anything runs); it can never send code, arguments or a script.
 */
import type { z as Z } from 'zod';
import { z } from './zod-config';
import { engineSchema, hasRealCounterpart, pythonChoiceSchema, REAL_LESSONS } from './python-schemas';
import { runRequestSchema } from './schemas';

export function startRunSchema(cores: number) {
  return runRequestSchema(cores)
    .extend({ engine: engineSchema.optional(), python: pythonChoiceSchema.optional() })
    .refine((r) => (r.engine ?? 'lab') === 'lab' || hasRealCounterpart(r.experiment), {
      error: `this lesson has no real-CPython counterpart yet (those that do: ${REAL_LESSONS.join(', ')}); run it on the simulation`,
      path: ['engine'],
    });
}
export type StartRunRequest = Z.infer<ReturnType<typeof startRunSchema>>;

/** A path to any program's file, absolute on POSIX or Windows: the page can add nothing else. */
export const isAbsolutePath = (path: string): boolean => /^(\/|[A-Za-z]:[\\/]|\\\\)/.test(path);

/** The page adds an interpreter by absolute path; the host probes it before anything else. */
export const checkPythonSchema = z.strictObject({
  path: pythonChoiceSchema.refine(isAbsolutePath, 'give the full path to the interpreter, e.g. /usr/bin/python3 or C:\\Python312\\python.exe'),
});
