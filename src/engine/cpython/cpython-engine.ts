/**
 * The real-CPython side of the engine, as every host uses it: the interpreters found here (looked
 * up once, then kept), the choice of one by name or path, and a run of a lesson on it.
 */
import type { Experiment } from '../../shared/experiments';
import { pythonLabel, type PythonInfo, type PythonList, type PythonRun } from '../../shared/python-schemas';
import type { ModeResult } from '../../shared/results';
import type { RunRequest } from '../../shared/schemas';
import { LabError } from '../errors';
import { settlesWithin } from '../time-limit';
import { runOnCpython, type CpythonEvent } from './cpython-run';
import { choosePython, discoverPythons } from './discover';
import { findPythonFiles, type PythonFiles } from './python-files';

/** Said once when a machine has no usable interpreter; everything else works as before. */
export const NO_PYTHON = 'No CPython 3.9 or newer was found on this machine, so lessons run on the simulation only.';

/**
 * Longest a run waits for interpreters still being probed. Discovery starts a dozen interpreters
 * (pyenv's shims are shell scripts) and takes a second or two of CPU; every probe has its own
 * time limit, so this is only the bound a wait must have.
 */
export const PROBES_SETTLE_LIMIT_MS = 15_000;

export class CpythonEngine {
  private readonly files: PythonFiles | null;
  private found: Promise<PythonList> | undefined;
  /** Discoveries and probes still running: each starts interpreters that take the machine's cores. */
  private readonly probing = new Set<Promise<unknown>>();

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
    if (fresh || !this.found) this.found = this.track(discoverPythons(files.probe));
    return this.found;
  }

  /**
   * Resolves once no interpreter is being probed (true), or after `limitMs` (false). A run waits
   * for this before its first step: a page opened a moment ago is still discovering, and those
   * interpreters starting on a 2-core laptop slowed the scaling lesson's one-task baseline to
   * 0.4 of a core, so that threads read 2.6x.
   */
  async settled(limitMs = PROBES_SETTLE_LIMIT_MS): Promise<boolean> {
    const until = Date.now() + limitMs;
    while (this.probing.size > 0) {
      const left = until - Date.now();
      if (left <= 0 || !(await settlesWithin(Promise.allSettled([...this.probing]), left))) return false;
    }
    return true;
  }

  private track<T>(work: Promise<T>): Promise<T> {
    this.probing.add(work);
    const forget = (): void => void this.probing.delete(work);
    work.then(forget, forget);
    return work;
  }

  /** The interpreter `choice` names, or the first found when none is named. */
  async choose(choice: string | undefined): Promise<PythonInfo> {
    const files = this.requireFiles();
    if (choice === undefined) {
      const first = (await this.listPythons()).pythons[0];
      if (!first) throw new LabError(NO_PYTHON);
      return first;
    }
    const answer = await this.track(choosePython(choice, files.probe, () => this.listPythons()));
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
