/**
 * Entry point of the sampler thread. systeminformation runs shell commands on some platforms and
 * caches calls closer than 200 ms apart, so it lives here, off the host's event loop.
 */
import { parentPort } from 'node:worker_threads';
import si from 'systeminformation';
import { parseWith } from '../../shared/checks';
import type { SamplerMessage } from '../../shared/sampler-protocol';
import { samplerCommandCheck } from '../../shared/worker-commands';
import { procStatReader } from './proc-stat';

const port = parentPort;
if (!port) throw new Error('sampler-entry must run inside a worker_thread');
const send = (message: SamplerMessage): void => port.postMessage(message);

let running = false;
/** Bumped on every start so a loop left over from before a stop ends itself. */
let generation = 0;
let periodMs = 250;

const pause = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

const fromSysteminformation = async (): Promise<number[]> => (await si.currentLoad()).cpus.map((cpu) => cpu.load);
/** On Linux the file itself (see proc-stat.ts), unless it cannot be read; elsewhere systeminformation. */
let readLoads: () => Promise<number[]> = process.platform === 'linux' ? procStatReader() : fromSysteminformation;

async function loop(mine: number): Promise<void> {
  // The first reading has nothing to compare with; take it and throw it away.
  await readLoads().catch(() => {
    readLoads = fromSysteminformation;
    return fromSysteminformation().catch(() => undefined);
  });
  while (running && mine === generation) {
    await pause(periodMs);
    if (!running || mine !== generation) break;
    try {
      const loads = await readLoads();
      send({ type: 'sample', sample: { t: Date.now(), loads: loads.map(clampLoad) } });
    } catch (error) {
      send({ type: 'error', message: error instanceof Error ? error.message : String(error) });
    }
  }
}

function clampLoad(load: number): number {
  return Number.isFinite(load) ? Math.min(100, Math.max(0, load)) : 0;
}

async function machine(): Promise<void> {
  const [cpu, os, mem] = await Promise.all([si.cpu(), si.osInfo(), si.mem()]);
  // Apple Silicon reports performance and efficiency cores; elsewhere both are 0 or missing.
  const split = (cpu.performanceCores ?? 0) > 0 && (cpu.efficiencyCores ?? 0) > 0;
  send({
    type: 'machine',
    machine: {
      cpuModel: [cpu.manufacturer, cpu.brand].filter(Boolean).join(' ').trim() || 'unknown CPU',
      logicalCores: cpu.cores,
      physicalCores: cpu.physicalCores,
      performanceCores: split ? (cpu.performanceCores ?? null) : null,
      efficiencyCores: split ? (cpu.efficiencyCores ?? null) : null,
      os: [os.distro, os.release].filter(Boolean).join(' ') || os.platform,
      arch: os.arch,
      totalMemoryBytes: mem.total,
    },
  });
}

port.on('message', (raw: unknown) => {
  const parsed = parseWith(samplerCommandCheck, raw, 'command');
  if (!parsed.ok) return send({ type: 'error', message: `the sampler does not understand that command: ${parsed.error}` });
  const command = parsed.value;
  if (command.type === 'start') {
    periodMs = Math.round(1000 / command.hz);
    if (!running) {
      running = true;
      generation++;
      void loop(generation);
    }
  } else if (command.type === 'stop') {
    running = false;
  } else if (command.type === 'machine') {
    machine().catch((error: unknown) => send({ type: 'error', message: String(error) }));
  }
});
