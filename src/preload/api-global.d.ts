/** The one object the preload puts on the renderer's window (Electron only). */
import type { LabApi } from '../shared/api';

declare global {
  interface Window {
    /** Present in the desktop app; absent in the browser edition, which uses the WebSocket bridge. */
    gilLab?: LabApi;
  }
}

export {};
