/**
 * Preferences kept between launches in one JSON file. The host keeps them, not the page: the
 * browser edition's page gets a new origin (a random port) every launch, so its own storage
 * would forget everything.
 *
 * Three promises: saves run one after another, each merging into what the one before it left
 * (two saves in one tick both land); the file is read field by field, so one bad or unknown field
 * costs that field, not the file; and a write is atomic (a temp file beside it, flushed, then
 * renamed over it), never leaving its temp file behind.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, open, readFile, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { ZodType } from 'zod';
import { preferencesSchema, type Preferences } from '../shared/schemas';
import { carryOverPreferences } from './preferences-location';

/** The file holds a few hundred bytes; anything far larger was not written by the lab. */
export const MAX_PREFERENCES_BYTES = 256 * 1024;

/** Most lessons the progress record keeps (the schema's own cap). */
export const MAX_PROGRESS_ENTRIES = 64;

export interface PreferenceStoreOptions {
  /** Told, in one sentence each, what was dropped from the file and why a save failed. */
  onProblem?: (message: string) => void;
  /** Files an earlier version wrote: the newest is copied in before the first read if ours is missing. */
  carryOverFrom?: readonly string[];
}

const FIELDS = preferencesSchema.shape;

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

const describe = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/**
 * What can be kept of a parsed file, field by field. Unknown fields and fields of the wrong type
 * are dropped with a note; progress keeps its valid entries, up to the cap, in file order.
 */
export function readPreferences(raw: unknown, problems: string[] = []): Preferences {
  if (!isRecord(raw)) {
    problems.push('the file does not hold a JSON object');
    return {};
  }
  const kept: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(raw)) {
    if (key === 'progress') {
      kept.progress = readProgress(value, problems);
    } else if (Object.hasOwn(FIELDS, key)) {
      const field: ZodType = FIELDS[key as keyof typeof FIELDS];
      const parsed = field.safeParse(value);
      if (parsed.success) kept[key] = parsed.data;
      else problems.push(`dropped ${key}: ${parsed.error.issues[0]?.message ?? 'invalid value'}`);
    } else {
      problems.push(`dropped unknown field "${key.slice(0, 40)}"`);
    }
  }
  // Whatever survived is checked once more as a whole: the file's reader and the page's writer agree.
  const whole = preferencesSchema.safeParse(kept);
  if (whole.success) return whole.data;
  problems.push('what was left did not add up to valid preferences');
  return {};
}

function readProgress(value: unknown, problems: string[]): Record<string, { ran: boolean; prediction?: number | null }> | undefined {
  if (!isRecord(value)) {
    problems.push('dropped progress: not an object');
    return undefined;
  }
  const record = FIELDS.progress.unwrap();
  const entries: [string, { ran: boolean; prediction?: number | null }][] = [];
  let bad = 0;
  let over = 0;
  for (const [lesson, entry] of Object.entries(value)) {
    const key = record.keyType.safeParse(lesson);
    const parsed = record.valueType.safeParse(entry);
    // "__proto__" can never be a lesson, and would be a prototype in a plain object.
    if (!key.success || !parsed.success || lesson === '__proto__') bad++;
    else if (entries.length >= MAX_PROGRESS_ENTRIES) over++;
    else entries.push([lesson, parsed.data]);
  }
  if (bad > 0) problems.push(`dropped ${bad} invalid progress ${bad === 1 ? 'entry' : 'entries'}`);
  if (over > 0) problems.push(`kept the first ${MAX_PROGRESS_ENTRIES} progress entries, dropped ${over}`);
  return Object.fromEntries(entries);
}

/**
 * Writes `text` to `file` so that a reader sees the old contents or the new, never half: a temp
 * file in the same folder (a rename across file systems is not atomic), flushed to disk, renamed
 * over the target. The temp file is removed whatever happens.
 */
export async function writeFileAtomically(file: string, text: string): Promise<void> {
  const folder = dirname(file);
  await mkdir(folder, { recursive: true });
  const temp = join(folder, `.${basename(file)}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`);
  try {
    const handle = await open(temp, 'wx', 0o600);
    try {
      await handle.writeFile(text, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, file);
  } finally {
    // After a successful rename there is nothing left to remove; `force` makes that a no-op.
    await rm(temp, { force: true }).catch(() => undefined);
  }
}

export class PreferenceStore {
  /** What the store holds: the file as read, then each save's result, in order. */
  private current: Promise<Preferences> | undefined;
  /** The tail of the save queue; it never rejects, so one failed save cannot stop the next. */
  private queue: Promise<unknown> = Promise.resolve();
  private readonly onProblem: (message: string) => void;
  private readonly carryOverFrom: readonly string[];

  constructor(
    private readonly file: string,
    options: PreferenceStoreOptions = {},
  ) {
    this.onProblem = options.onProblem ?? ((message) => console.warn(`gil-lab: ${message}`));
    this.carryOverFrom = options.carryOverFrom ?? [];
  }

  /** What was saved last, or nothing; a damaged or hand-edited file costs only its bad fields. */
  load(): Promise<Preferences> {
    this.current ??= this.readFromDisk();
    return this.current;
  }

  /**
   * Merges `changes` into what is saved. Saves are queued: each merges into the result of the one
   * before, so none is lost. False when the file could not be written (a read-only home folder
   * must not break the lab); the changes still last for this session.
   */
  save(changes: Preferences): Promise<boolean> {
    const job = this.queue.then(() => this.apply(changes));
    this.queue = job.catch(() => undefined);
    return job;
  }

  private async apply(changes: Preferences): Promise<boolean> {
    const next: Preferences = { ...(await this.load()), ...changes };
    this.current = Promise.resolve(next);
    try {
      await writeFileAtomically(this.file, JSON.stringify(next, null, 2) + '\n');
      return true;
    } catch (error) {
      this.onProblem(`could not save preferences to ${this.file}: ${describe(error)}`);
      return false;
    }
  }

  private async readFromDisk(): Promise<Preferences> {
    if (this.carryOverFrom.length > 0) await carryOverPreferences(this.file, this.carryOverFrom);
    let text: string;
    try {
      const size = (await stat(this.file)).size;
      if (size > MAX_PREFERENCES_BYTES) {
        this.onProblem(`ignored preferences in ${this.file}: ${size} bytes is not a preferences file`);
        return {};
      }
      text = await readFile(this.file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') this.onProblem(`could not read preferences from ${this.file}: ${describe(error)}`);
      return {};
    }
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch {
      this.onProblem(`ignored preferences in ${this.file}: not valid JSON`);
      return {};
    }
    const problems: string[] = [];
    const kept = readPreferences(raw, problems);
    for (const problem of problems) this.onProblem(`preferences in ${this.file}: ${problem}`);
    return kept;
  }
}
