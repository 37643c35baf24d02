/**
 * The lessons' own Python, as CPython runs it: python/lessons/<id>.py, the files the harness
 * imports and times around, bundled into the page when it is built, so the code shown is the
 * code that runs, byte for byte, in the desktop app and the browser edition alike.
 */
const FILES = import.meta.glob<string>('../../../python/lessons/*.py', { query: '?raw', import: 'default', eager: true });

export interface LessonSource {
  /** Where the file is in the project, as a reader would look for it. */
  path: string;
  code: string;
}

/** The file CPython runs for a lesson, or null for a lesson with no real counterpart. */
export function lessonSource(id: string): LessonSource | null {
  const entry = Object.entries(FILES).find(([path]) => path.endsWith(`/${id}.py`));
  return entry ? { path: `python/lessons/${id}.py`, code: entry[1].trimEnd() } : null;
}
