/**
 * The CPython interpreters on this machine: every candidate probed (a few at a time, each with a
 * time limit), merged by the real path of the executable that answered, so python3, python3.11
 * and pyenv's 3.11.7 that are one interpreter appear once with all their names.
 */
import { realpathSync } from 'node:fs';
import { isAbsolute } from 'node:path';
import type { PythonInfo, PythonList, PythonSkipped } from '../../shared/python-schemas';
import { allCandidates, type Candidate } from './candidates';
import { probePython } from './probe';

const AT_ONCE = 4;

function realPath(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
}

export async function discoverPythons(probeScript: string, candidates?: Candidate[]): Promise<PythonList> {
  const all = candidates ?? (await allCandidates());
  const byPath = new Map<string, Candidate[]>();
  for (const c of all) byPath.set(realPath(c.path), [...(byPath.get(realPath(c.path)) ?? []), c]);
  const pythons = new Map<string, PythonInfo>();
  const skipped: PythonSkipped[] = [];
  const queue = [...byPath.values()];
  const worker = async (): Promise<void> => {
    for (let group = queue.shift(); group; group = queue.shift()) {
      const first = group[0] as Candidate;
      const answer = await probePython(first.path, probeScript, first.source);
      if (!answer.ok) {
        skipped.push({ path: first.path, reason: answer.reason });
        continue;
      }
      const key = realPath(answer.python.executable);
      const known = pythons.get(key);
      const sources = group.map((c) => c.source);
      if (known) known.sources.push(...sources.filter((s) => !known.sources.includes(s)));
      else pythons.set(key, { ...answer.python, sources });
    }
  };
  await Promise.all(Array.from({ length: AT_ONCE }, worker));
  const order = (p: PythonInfo): number => all.findIndex((c) => p.sources.includes(c.source));
  return { pythons: [...pythons.values()].sort((a, b) => order(a) - order(b)), skipped };
}

/**
 * The interpreter a caller named: a discovered one by name ("python3.12", "3.12", "pyenv 3.12.1",
 * its executable), or an absolute path, which must then answer the probe as CPython 3.9+.
 */
export async function choosePython(choice: string, probeScript: string, found: () => Promise<PythonList>): Promise<{ ok: true; python: PythonInfo } | { ok: false; reason: string }> {
  if (isAbsolute(choice)) return probePython(choice, probeScript, 'added by you');
  const { pythons } = await found();
  const match =
    pythons.find((p) => p.executable === choice || p.sources.some((s) => s.replace(/^\S+:?\s/, '') === choice || s === choice)) ??
    pythons.find((p) => p.version === choice || p.version.startsWith(`${choice}.`));
  if (match) return { ok: true, python: match };
  const names = pythons.map((p) => p.version).join(', ');
  return { ok: false, reason: `no interpreter named "${choice.slice(0, 80)}" was found${names ? ` (found: ${names})` : ''}; give a name from \`lab pythons\` or an absolute path.` };
}
