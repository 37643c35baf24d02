/** What a real CPython step's timeline is, said on the panel and on an exported slide. */
import type { PythonRun } from '../../../shared/python-schemas';
import { pythonShortName } from '../../../shared/side-by-side';

export const realCaption = (python: PythonRun): string => `${pythonShortName(python)}: who ran when, from each thread's own clock`;
