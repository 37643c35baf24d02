/**
 * Where the worker entry points are in a packaged app. The main bundle runs from inside app.asar,
 * but worker_threads and forked children need files the OS can open, so electron-builder unpacks
 * out/main (electron-builder.yml, asarUnpack) and the engine is pointed at that copy.
 */
import { sep } from 'node:path';

/** `dir` with its app.asar segment replaced by app.asar.unpacked; unchanged outside a package. */
export function unpackedDir(dir: string): string {
  const parts = dir.split(sep);
  const archive = parts.lastIndexOf('app.asar');
  if (archive < 0) return dir;
  parts[archive] = 'app.asar.unpacked';
  return parts.join(sep);
}
