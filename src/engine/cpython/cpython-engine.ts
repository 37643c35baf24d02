/**
 * The real-CPython side of the engine, as every host uses it: the interpreters found here (looked
 * up once, then kept), the choice of one by name or path, and a run of a lesson on it.
 */
import type { Experiment } from '../../shared/experiments';
import { pythonLabel, type PythonInfo, type PythonList, type PythonRun } from '../../shared/python-schemas';
import type { ModeResult } from '../../shared/results';
import type { RunRequest } from '../../shared/schemas';
import { LabError } from '../errors';
import { runOnCpython, type CpythonEvent } from './cpython-run';
import { choosePython, discoverPythons } from './discover';
import { findPythonFiles, type PythonFiles } from './python-files';

/** Said once when a machine has no usable interpreter; everything else works as before. */
export const NO_PYTHON = 'No CPython 3.9 or newer was found on this machine, so lessons run on the simulation only.';

export class CpythonEngine {
  private readonly files: PythonFiles | null;
  private found: Promise<PythonList> | undefined;

  constructor(bundleDir: string, private readonly cores: number) {
    this.files = findPythonFiles(bundleDir);
  }

  private requireFiles(): PythonFiles {
    if (!this.files) throw new LabError("the lab's Python files (python/harness) are missing from this build");
    return this.files;
  }

  /** Interpreters found on this machine; probed once per engine, `fresh` looks again. */
  listPythons(fresh = false): Promise<PythonList> {
    const files = this.requireFiles();
    if (fresh || !this.found) this.found = discoverPythons(files.probe);
    return this.found;
  }

  /** The interpreter `choice` names, or the first found when none is named. */
  async choose(choice: string | undefined): Promise<PythonInfo> {
    const files = this.requireFiles();
    if (choice === undefined) {
      const first = (await this.listPythons()).pythons[0];
      if (!first) throw new LabError(NO_PYTHON);
      return first;
    }
    const answer = await choosePython(choice, files.probe, () => this.listPythons());
    if (!answer.ok) throw new LabError(answer.reason);
    return answer.python;
  }

  run(experiment: Experiment, request: RunRequest, python: PythonRun, signal: AbortSignal, onEvent?: (event: CpythonEvent) => void): Promise<ModeResult[]> {
    return runOnCpython({ experiment, request, python, files: this.requireFiles(), cores: this.cores, signal, ...(onEvent ? { onEvent } : {}) });
  }
}

/** `lab pythons` as text: one line per interpreter, then what was skipped and why. */
export function describePythons(list: PythonList): string {
  if (list.pythons.length === 0) return NO_PYTHON;
  const lines = list.pythons.map((p) => `${pythonLabel(p).padEnd(34)} ${p.executable}\n${' '.repeat(35)}found as: ${p.sources.join(', ')}`);
  const skipped = list.skipped.map((s) => `  skipped: ${s.reason}`);
  return [...lines, ...(skipped.length > 0 ? ['', ...skipped] : [])].join('\n');
}
