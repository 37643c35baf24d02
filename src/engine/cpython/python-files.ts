/**
 * Where the lab's own Python files are (python/harness, python/lessons). They ship beside the
 * built bundle: <root>/python from out/main in a checkout, and app.asar.unpacked/python in a
 * packaged app (electron-builder.yml unpacks them: a Python interpreter cannot read an archive).
 */
import { existsSync } from 'node:fs';
import { join, sep } from 'node:path';

export interface PythonFiles {
  probe: string;
  harness: string;
  lessons: string;
}

/** The python/ folder for a bundle in `bundleDir` (e.g. out/main), or null when it is missing. */
export function findPythonFiles(bundleDir: string): PythonFiles | null {
  const parts = bundleDir.split(sep);
  const archive = parts.lastIndexOf('app.asar');
  if (archive >= 0) parts[archive] = 'app.asar.unpacked';
  const root = join(parts.join(sep) || sep, '..', '..', 'python');
  const files = { probe: join(root, 'harness', 'probe.py'), harness: join(root, 'harness', 'run.py'), lessons: join(root, 'lessons') };
  return existsSync(files.harness) && existsSync(files.probe) ? files : null;
}
