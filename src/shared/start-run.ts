/**
 * What Run sends: the lesson's request plus which engine runs it and on which interpreter. The
 * page may name an interpreter (a name from the discovered list or an absolute path, probed before
 * anything runs); it can never send code, arguments or a script.
 */
import type { z } from 'zod';
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
export type StartRunRequest = z.infer<ReturnType<typeof startRunSchema>>;
