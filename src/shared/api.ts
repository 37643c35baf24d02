/**
 * The one contract between the UI and the engine. Each call names its input schema; both
 * transports (Electron IPC and the browser edition's WebSocket) are built from this table, and the
 * renderer's `LabApi` type is derived from it, so the two pipes cannot drift apart.
 */
import type { z } from 'zod';
import type { CallSchemas } from './api-schemas';
import type { Experiment } from './experiments';
import type { CoreSample, MachineInfo, RunEvent } from './results';
import type { PythonInfo, PythonList } from './python-schemas';
import type { Preferences } from './schemas';
import type { TimelineWire } from './timeline-wire';

export type CallName =
  | 'getMachine'
  | 'listExperiments'
  | 'startRun'
  | 'cancelRun'
  | 'watchCores'
  | 'unwatchCores'
  | 'loadPreferences'
  | 'savePreferences'
  | 'capturePage'
  | 'saveFile'
  | 'copyImage'
  | 'listPythons'
  | 'checkPython';
export const CALL_NAMES = [
  'getMachine',
  'listExperiments',
  'startRun',
  'cancelRun',
  'watchCores',
  'unwatchCores',
  'loadPreferences',
  'savePreferences',
  'capturePage',
  'saveFile',
  'copyImage',
  'listPythons',
  'checkPython',
] as const satisfies readonly CallName[];

/**
 * Calls only the desktop app can answer (a window to capture, a save dialog, a clipboard). The
 * browser edition refuses them with a sentence, and the page saves a download instead.
 */
export const DESKTOP_ONLY_CALLS = ['capturePage', 'saveFile', 'copyImage'] as const satisfies readonly CallName[];
export type DesktopCall = (typeof DESKTOP_ONLY_CALLS)[number];

/** What each call resolves to. */
export interface CallResults {
  getMachine: MachineInfo;
  listExperiments: readonly Experiment[];
  startRun: { runId: string };
  cancelRun: { cancelled: boolean };
  watchCores: { hz: number };
  unwatchCores: { watching: boolean };
  loadPreferences: Preferences;
  savePreferences: { saved: boolean };
  /** The whole window as a PNG at the display's pixel ratio. */
  capturePage: { pngBase64: string; width: number; height: number };
  /** Where the file went, or null when the user cancelled the dialog. */
  saveFile: { path: string | null };
  copyImage: { copied: boolean };
  /** CPython interpreters found on this machine (probed once per host), and what was skipped and why. */
  listPythons: PythonList;
  /** An interpreter the user gave by absolute path, once it answered the probe as CPython 3.9+. */
  checkPython: PythonInfo;
}

export type CallInput<K extends CallName> = z.input<CallSchemas[K]>;

/** Events the engine streams to every attached client. */
export interface LabEvents {
  cores: CoreSample;
  run: RunEvent;
}
export type EventName = keyof LabEvents;
export const EVENT_NAMES = ['cores', 'run'] as const satisfies readonly EventName[];

/** The API as the renderer sees it: one async function per call, one subscriber per event. */
export type LabApi = {
  [K in CallName]: CallInput<K> extends undefined ? () => Promise<CallResults[K]> : (input: CallInput<K>) => Promise<CallResults[K]>;
} & {
  on<E extends EventName>(event: E, listener: (payload: LabEvents[E]) => void): () => void;
};

/** Error shape both transports return instead of throwing across the pipe. */
export interface CallFailure {
  error: string;
}

/** A call's reply on the wire: the result or a clear error sentence. */
export type CallReply<K extends CallName> = { ok: true; value: CallResults[K] } | { ok: false; error: string };

/** WebSocket frames of the browser edition. */
export type ClientFrame = { id: number; call: string; input?: unknown };
export type ServerFrame =
  | { id: number; reply: CallReply<CallName> }
  | { event: EventName; payload: LabEvents[EventName] | TimelineWire };
