/**
 * A room's results: the files attendees exported, read into one point per laptop and mode (cores
 * against speedup, for threads and for processes). Pure: the room panel reads the files' text and
 * hands it here; nothing is sent anywhere and nothing in a file is run.
 */
import { ROOM_FILE_BYTES, ROOM_FILES, roomFileSchema, type RoomResult } from '../../../shared/room-schemas';

/** The modes the room compares. */
export const ROOM_MODES = ['threads', 'processes'] as const;
export type RoomMode = (typeof ROOM_MODES)[number];

/** One step of one laptop's file, as the room plots it. */
export interface RoomPoint {
  mode: RoomMode;
  workers: number;
  speedup: number;
}

/** One laptop: its machine as its file names it, and its best-measured step per mode. */
export interface RoomEntry {
  /** What makes two files the same laptop's same runs (see roomKey). */
  key: string;
  file: string;
  machine: string;
  cores: number;
  points: RoomPoint[];
}

export interface RoomState {
  /** The room panel is shown in place of the results. */
  open: boolean;
  entries: readonly RoomEntry[];
  /** What the last import refused, a sentence per file. */
  notes: readonly string[];
}

export const initialRoom: RoomState = { open: false, entries: [], notes: [] };

/** A file as read from the drop or the picker: its name, its size in bytes and its text (null when too big to read). */
export interface RoomInput {
  name: string;
  bytes: number;
  text: string | null;
}

export type RoomParse = { ok: true; entry: RoomEntry } | { ok: false; error: string };

const shortName = (name: string): string => (name.length > 60 ? `${name.slice(0, 57)}…` : name);

/**
 * What makes two files the same laptop's same runs: its processor, its cores and the runs in it.
 * A JSON tuple, so no processor name can run into the next field whatever characters it holds.
 */
export function roomKey(cpuModel: string, cores: number, runIds: readonly string[]): string {
  return JSON.stringify([cpuModel, cores, [...new Set(runIds)].sort()]);
}

/** The step of `mode` with the most workers and a speedup (the last measured of equals). */
function bestOf(results: readonly RoomResult[], mode: RoomMode): RoomPoint | null {
  let best: RoomResult | null = null;
  for (const r of results) if (r.mode === mode && r.speedup !== null && (!best || r.workers >= best.workers)) best = r;
  return best && best.speedup !== null ? { mode, workers: best.workers, speedup: best.speedup } : null;
}

/** One file's text, read into a laptop's entry or refused with a sentence naming the file. */
export function parseRoomFile(input: RoomInput): RoomParse {
  const name = shortName(input.name);
  if (input.bytes > ROOM_FILE_BYTES || input.text === null || input.text.length > ROOM_FILE_BYTES) {
    return { ok: false, error: `${name}: larger than ${ROOM_FILE_BYTES / 1024 / 1024} MB, so it was not read.` };
  }
  let json: unknown;
  try {
    json = JSON.parse(input.text);
  } catch {
    return { ok: false, error: `${name}: not a JSON file.` };
  }
  const parsed = roomFileSchema.safeParse(json);
  if (!parsed.success) return { ok: false, error: `${name}: not a GIL Lab result file (${parsed.error.issues[0]?.path.join('.') || 'top level'} does not fit).` };
  const { machine, results } = parsed.data;
  if (!machine) return { ok: false, error: `${name}: its machine is unknown, so its cores cannot be placed.` };
  const points = ROOM_MODES.map((mode) => bestOf(results, mode)).filter((p): p is RoomPoint => p !== null);
  if (points.length === 0) return { ok: false, error: `${name}: no speedup of threads or processes in it (run "Scaling" and export again).` };
  const key = roomKey(machine.cpuModel, machine.logicalCores, results.map((r) => r.runId));
  return { ok: true, entry: { key, file: name, machine: machine.cpuModel, cores: machine.logicalCores, points } };
}

/** The room with `inputs` read in: duplicates of a laptop already in it and files past the cap are refused. */
export function addRoomFiles(room: RoomState, inputs: readonly RoomInput[]): RoomState {
  const entries = [...room.entries];
  const notes: string[] = [];
  for (const input of inputs) {
    if (entries.length >= ROOM_FILES) {
      notes.push(`${shortName(input.name)}: the room holds ${ROOM_FILES} files; remove some first.`);
      continue;
    }
    const parsed = parseRoomFile(input);
    if (!parsed.ok) {
      notes.push(parsed.error);
      continue;
    }
    if (entries.some((e) => e.key === parsed.entry.key)) {
      notes.push(`${parsed.entry.file}: the same machine and runs as a file already in the room.`);
      continue;
    }
    entries.push(parsed.entry);
  }
  return { open: true, entries, notes };
}

/** The ideal line's ceiling: the most workers any laptop ran (y = min(cores, workers)). */
export const roomWorkers = (entries: readonly RoomEntry[]): number => Math.max(1, ...entries.flatMap((e) => e.points.map((p) => p.workers)));
