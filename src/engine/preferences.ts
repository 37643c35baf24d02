/**
 * Preferences kept between launches in one JSON file. The host keeps them, not the page: the
 * browser edition's page gets a new origin (a random port) every launch, so its own storage
 * would forget everything.
 */
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { preferencesSchema, type Preferences } from '../shared/schemas';

/** The per-user folder for the lab's files on this OS (the desktop app passes Electron's own). */
export function defaultConfigDir(): string {
  if (process.env.GIL_LAB_CONFIG_DIR) return process.env.GIL_LAB_CONFIG_DIR;
  if (process.platform === 'win32') return join(process.env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), 'GIL Lab');
  if (process.platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'GIL Lab');
  return join(process.env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), 'gil-lab');
}

export class PreferenceStore {
  private cache: Preferences | undefined;
  private writing: Promise<void> = Promise.resolve();

  constructor(private readonly file: string) {}

  /** What was saved last, or nothing; a damaged or hand-edited file is ignored, never fatal. */
  async load(): Promise<Preferences> {
    if (this.cache) return this.cache;
    try {
      const parsed = preferencesSchema.safeParse(JSON.parse(await readFile(this.file, 'utf8')));
      this.cache = parsed.success ? parsed.data : {};
    } catch {
      this.cache = {};
    }
    return this.cache;
  }

  /** Merges `changes` into what is saved; writes are queued and atomic (write, then rename). */
  async save(changes: Preferences): Promise<boolean> {
    const next = { ...(await this.load()), ...changes };
    this.cache = next;
    const write = async (): Promise<void> => {
      await mkdir(dirname(this.file), { recursive: true });
      const temp = `${this.file}.${process.pid}.tmp`;
      await writeFile(temp, JSON.stringify(next, null, 2));
      await rename(temp, this.file);
    };
    this.writing = this.writing.then(write, write);
    try {
      await this.writing;
      return true;
    } catch {
      // A read-only home folder must not break the lab; the settings just do not persist.
      return false;
    }
  }
}
