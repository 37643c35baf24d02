/**
 * The input schema of every call of the contract in api.ts. Kept apart from api.ts so the
 * preload, which only needs the call names, does not bundle zod.
 */
import type { CallName } from './api';
import { copyImageSchema, emptySchema, preferencesSchema, saveFileSchema, watchCoresSchema } from './schemas';
import { checkPythonSchema, startRunSchema } from './start-run';

/** Input schema of every call. `startRun`'s depends on the core count, so it is built per host. */
export function callSchemas(cores: number) {
  return {
    getMachine: emptySchema,
    listExperiments: emptySchema,
    startRun: startRunSchema(cores),
    cancelRun: emptySchema,
    watchCores: watchCoresSchema,
    unwatchCores: emptySchema,
    loadPreferences: emptySchema,
    savePreferences: preferencesSchema,
    capturePage: emptySchema,
    saveFile: saveFileSchema,
    copyImage: copyImageSchema,
    listPythons: emptySchema,
    checkPython: checkPythonSchema,
  } as const satisfies Record<CallName, unknown>;
}
export type CallSchemas = ReturnType<typeof callSchemas>;

