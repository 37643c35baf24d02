/**
 * The result files attendees bring to a room (what the export dialog writes: a run's JSON, or the
 * session's), as read by the room panel. Only the fields the room shows are read: the machine and
 * each measured step's mode, workers and speedup; anything else in the file is ignored. Text in,
 * data out: a file is parsed as JSON and checked against this schema, never executed.
 */
import { z } from './zod-config';
import { MODES } from './experiments';

/** Bytes of one file the room reads; a run's JSON is a few hundred kB, a long session a little more. */
export const ROOM_FILE_BYTES = 2 * 1024 * 1024;
/** Files one room holds: a lecture hall of laptops. */
export const ROOM_FILES = 200;

const text = (max: number) => z.string().max(max);
const count = z.number().int().min(1).max(4096);

export const roomMachineSchema = z.object({
  cpuModel: text(200).min(1),
  logicalCores: count,
  physicalCores: z.number().int().min(0).max(4096).optional(),
  os: text(100).optional(),
  arch: text(40).optional(),
});

export const roomResultSchema = z.object({
  runId: text(200),
  experiment: text(64),
  step: text(200),
  mode: z.enum(MODES),
  workers: count,
  speedup: z.number().min(0).max(10_000).nullable(),
  finishedAt: text(64).optional(),
});

/** A run's JSON ("gil-lab-run/1") or a session's: both carry the machine and the measured steps. */
export const roomFileSchema = z.object({
  format: z.literal('gil-lab-run/1').optional(),
  exportedAt: text(64).optional(),
  machine: roomMachineSchema.nullable(),
  results: z.array(roomResultSchema).max(20_000),
});

export type RoomMachine = z.infer<typeof roomMachineSchema>;
export type RoomResult = z.infer<typeof roomResultSchema>;
export type RoomFile = z.infer<typeof roomFileSchema>;
