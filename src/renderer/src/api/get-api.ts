/**
 * Picks the transport once per page: the preload's object in Electron, the WebSocket bridge in
 * the browser edition. The rest of the UI only ever sees a LabApi.
 */
import type { LabApi } from '../../../shared/api';
import { takeToken, tabStorage } from './page-token';
import { bridgeUrl, createWsClient, pageAnswers, type ConnectionState } from './ws-client';

/** The API plus the state of the pipe under it (always 'open' in Electron: IPC cannot drop). */
export interface LabConnection {
  api: LabApi;
  state(): ConnectionState;
  onState(listener: (state: ConnectionState) => void): () => void;
}

let connection: LabConnection | undefined;

/** The one connection of this page, created on first use so a reload starts clean. */
export function getConnection(): LabConnection {
  if (connection) return connection;
  const listeners = new Set<(state: ConnectionState) => void>();
  if (window.gilLab) {
    const api = window.gilLab;
    connection = { api, state: () => 'open', onState: () => () => {} };
    return connection;
  }
  let current: ConnectionState = 'connecting';
  const token = takeToken(window.location.href, window.history, tabStorage());
  const api = createWsClient(
    bridgeUrl(window.location, token),
    (next) => {
      current = next;
      for (const listener of listeners) listener(next);
    },
    { host: window.location.host, hostAnswers: () => pageAnswers(window.location.origin) },
  );
  connection = {
    api,
    state: () => current,
    onState: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
  return connection;
}
