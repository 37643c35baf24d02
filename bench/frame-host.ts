/** The frame-time section's fake host: static files from the built renderer and a bridge that answers just enough. */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import type { ClientFrame, ServerFrame } from '../src/shared/api';
import { BRIDGE_PATH } from '../src/shared/bridge';
import { staticFiles } from '../src/hosts/web/static-files';
import { EXPERIMENTS } from '../src/lessons/catalogue';
import type { MachineInfo } from '../src/shared/results';
import { RENDERER_DIR } from './common';

/** The sampling rate the host answers with when a page asks for none. */
const HZ = 5;


export async function startSyntheticHost(machine: MachineInfo): Promise<{ url: string; clients: Set<WebSocket>; close: () => Promise<void> }> {
  const server = createServer(staticFiles(RENDERER_DIR));
  const sockets = new WebSocketServer({ server, path: BRIDGE_PATH });
  const clients = new Set<WebSocket>();
  sockets.on('connection', (ws) => {
    clients.add(ws);
    ws.on('close', () => clients.delete(ws));
    ws.on('message', (raw) => {
      const frame = JSON.parse(raw.toString()) as ClientFrame;
      const input = frame.input as { hz?: number } | undefined;
      const values: Record<string, unknown> = {
        getMachine: machine,
        listExperiments: EXPERIMENTS,
        watchCores: { hz: input?.hz ?? HZ },
        unwatchCores: { watching: false },
        cancelRun: { cancelled: false },
      };
      const reply: ServerFrame = {
        id: frame.id,
        reply: frame.call in values ? ({ ok: true, value: values[frame.call] } as never) : { ok: false, error: 'the synthetic host runs nothing' },
      };
      ws.send(JSON.stringify(reply));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/?token=synthetic`,
    clients,
    close: async () => {
      for (const ws of clients) ws.terminate();
      await new Promise<void>((resolve) => sockets.close(() => resolve()));
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

