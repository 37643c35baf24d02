/**
 * The course so far, kept between launches on this machine only: which lessons were run and the
 * answer chosen for each prediction. A workshop that closes the lab at lunch finds its place again.
 * Pure functions over the record; where it is kept (the page's storage and the host's preferences
 * file) is preferences.ts.
 */
import type { Experiment, Prediction } from '../../../shared/experiments';
import type { Preferences } from '../../../shared/schemas';

/** One lesson's progress. */
export interface LessonProgress {
  /** Runs that finished. */
  runs: number;
  prediction: Prediction | null;
}

export interface Progress {
  lessons: Readonly<Record<string, LessonProgress>>;
  /** The lesson open when the lab was last used. */
  selected: string | null;
}

export const emptyProgress: Progress = { lessons: {}, selected: null };

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Progress read back from storage text, trusting nothing: unknown lessons are dropped, and a saved
 * prediction counts only if the lesson still offers that answer.
 */
export function parseProgress(text: string | null, experiments: readonly Experiment[]): Progress {
  if (!text) return emptyProgress;
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return emptyProgress;
  }
  if (!isRecord(raw)) return emptyProgress;
  const lessons: Record<string, LessonProgress> = {};
  const saved = isRecord(raw['lessons']) ? raw['lessons'] : {};
  for (const experiment of experiments) {
    const entry = saved[experiment.id];
    if (!isRecord(entry)) continue;
    const runs = typeof entry['runs'] === 'number' && Number.isInteger(entry['runs']) && entry['runs'] > 0 ? entry['runs'] : 0;
    const chosen = isRecord(entry['prediction']) ? entry['prediction'] : {};
    // By the answer's id; a save from before answers had ids names it by its words.
    const prediction = experiment.predictions.find((p) => (chosen['answer'] !== undefined ? p.answer === chosen['answer'] : p.label === chosen['label'])) ?? null;
    if (runs > 0 || prediction) lessons[experiment.id] = { runs, prediction };
  }
  const selected = typeof raw['selected'] === 'string' && experiments.some((e) => e.id === raw['selected']) ? raw['selected'] : null;
  return { lessons, selected };
}

const lesson = (progress: Progress, id: string): LessonProgress => progress.lessons[id] ?? { runs: 0, prediction: null };

export function withPrediction(progress: Progress, id: string, prediction: Prediction | null): Progress {
  return { ...progress, lessons: { ...progress.lessons, [id]: { ...lesson(progress, id), prediction } } };
}

export function withRun(progress: Progress, id: string): Progress {
  const current = lesson(progress, id);
  return { ...progress, lessons: { ...progress.lessons, [id]: { ...current, runs: current.runs + 1 } } };
}

export function withSelected(progress: Progress, id: string): Progress {
  return progress.selected === id ? progress : { ...progress, selected: id };
}

/** Progress as the host keeps it: one flag and the chosen answer's value per lesson. */
export function fromPreferences(prefs: Preferences, experiments: readonly Experiment[]): Progress {
  const lessons: Record<string, LessonProgress> = {};
  for (const experiment of experiments) {
    const entry = prefs.progress?.[experiment.id];
    if (!entry) continue;
    const prediction = experiment.predictions.find((p) => p.value === entry.prediction) ?? null;
    if (entry.ran || prediction) lessons[experiment.id] = { runs: entry.ran ? 1 : 0, prediction };
  }
  const selected = prefs.lastLesson && experiments.some((e) => e.id === prefs.lastLesson) ? prefs.lastLesson : null;
  return { lessons, selected };
}

export function toPreferences(progress: Progress): Preferences {
  const entries = Object.entries(progress.lessons).map(([id, p]) => [id, { ran: p.runs > 0, prediction: p.prediction?.value ?? null }] as const);
  return { progress: Object.fromEntries(entries), ...(progress.selected ? { lastLesson: progress.selected } : {}) };
}

/** Both records together: a lesson run in either counts as run; the host's answers win over the page's. */
export function mergeProgress(page: Progress, host: Progress): Progress {
  const lessons: Record<string, LessonProgress> = { ...page.lessons };
  for (const [id, entry] of Object.entries(host.lessons)) {
    const mine = lessons[id];
    lessons[id] = { runs: Math.max(mine?.runs ?? 0, entry.runs), prediction: entry.prediction ?? mine?.prediction ?? null };
  }
  return { lessons, selected: host.selected ?? page.selected };
}
