/**
 * A stand-in for the browser edition's host that runs nothing: it serves the built page and lets a
 * test send it run events of its own making (64 workers on a 2-core test machine, say), as the
 * benchmark's frame-time feed does. Calls the page makes are answered just enough to load it.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { WebSocketServer, type WebSocket } from 'ws';
import type { ClientFrame, ServerFrame } from '../src/shared/api';
import { BRIDGE_PATH } from '../src/shared/bridge';
import { staticFiles } from '../src/hosts/web/static-files';
import { EXPERIMENTS } from '../src/lessons/catalogue';
import type { MachineInfo, RunEvent } from '../src/shared/results';
import { ROOT } from './web-host';

const PAGE_DIR = join(ROOT, 'out', 'renderer');

export interface SyntheticHost {
  url: string;
  /** Sends a run event to every page connected. */
  send(event: RunEvent): void;
  /** Pages connected now. */
  clients(): number;
  close(): Promise<void>;
}

export async function startSyntheticHost(cores = 8): Promise<SyntheticHost> {
  const machine: MachineInfo = {
    cpuModel: `synthetic ${cores}-core machine (test)`,
    logicalCores: cores,
    physicalCores: cores,
    performanceCores: null,
    efficiencyCores: null,
    os: 'synthetic',
    arch: 'x64',
    totalMemoryBytes: 16e9,
  };
  const server = createServer(staticFiles(PAGE_DIR));
  const sockets = new WebSocketServer({ server, path: BRIDGE_PATH });
  const connected = new Set<WebSocket>();
  sockets.on('connection', (ws) => {
    connected.add(ws);
    ws.on('close', () => connected.delete(ws));
    ws.on('error', () => connected.delete(ws));
    ws.on('message', (raw) => {
      let frame: ClientFrame;
      try {
        frame = JSON.parse(raw.toString()) as ClientFrame;
      } catch {
        return;
      }
      const values: Record<string, unknown> = { getMachine: machine, listExperiments: EXPERIMENTS, watchCores: { hz: 4 }, unwatchCores: { watching: false }, cancelRun: { cancelled: false } };
      const reply: ServerFrame = { id: frame.id, reply: frame.call in values ? ({ ok: true, value: values[frame.call] } as never) : { ok: false, error: 'the synthetic host runs nothing' } };
      ws.send(JSON.stringify(reply));
    });
  });
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the synthetic host did not start listening')), 10_000);
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      clearTimeout(timer);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/?token=synthetic`,
    send: (event) => {
      for (const ws of connected) ws.send(JSON.stringify({ event: 'run', payload: event }));
    },
    clients: () => connected.size,
    close: async () => {
      for (const ws of connected) ws.terminate();
      await new Promise<void>((resolve) => sockets.close(() => resolve()));
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
