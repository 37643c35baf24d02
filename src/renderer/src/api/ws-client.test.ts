import { afterEach, describe, expect, it, vi } from 'vitest';
import { CALL_NAMES } from '../../../shared/api';
import type { RunEvent } from '../../../shared/results';
import { toWire } from '../../../shared/timeline-wire';
import { connectionDown, createWsClient, HOST_STOPPED, needsAddress, type ConnectionState } from './ws-client';

/** Just enough of a browser WebSocket to drive the client by hand. */
class FakeSocket {
  static OPEN = 1;
  static last: FakeSocket | undefined;
  readyState = 0;
  sent: string[] = [];
  private handlers = new Map<string, ((event: { data?: unknown; reason?: string }) => void)[]>();
  constructor(readonly url: string) {
    FakeSocket.last = this;
  }
  addEventListener(type: string, handler: (event: { data?: unknown; reason?: string }) => void): void {
    this.handlers.set(type, [...(this.handlers.get(type) ?? []), handler]);
  }
  send(text: string): void {
    this.sent.push(text);
  }
  emit(type: string, data?: unknown, reason?: string): void {
    if (type === 'open') this.readyState = 1;
    for (const handler of this.handlers.get(type) ?? []) handler({ data, reason });
  }
}

afterEach(() => vi.unstubAllGlobals());

function connect() {
  vi.stubGlobal('WebSocket', FakeSocket);
  const states: ConnectionState[] = [];
  const api = createWsClient('ws://127.0.0.1:1/bridge?token=t', (s) => states.push(s));
  const socket = FakeSocket.last as FakeSocket;
  return { api, socket, states };
}

describe('createWsClient', () => {
  it('has one function per call of the contract', () => {
    const { api } = connect();
    for (const name of CALL_NAMES) expect(typeof api[name]).toBe('function');
  });

  it('queues calls until the socket opens, then resolves and rejects by id', async () => {
    const { api, socket, states } = connect();
    const machine = api.getMachine();
    const run = api.startRun({ experiment: 'cpu-bound', workers: 4, seconds: 1, switchMs: 5 });
    expect(socket.sent).toEqual([]);
    socket.emit('open');
    expect(states).toEqual(['open']);
    const frames = socket.sent.map((s) => JSON.parse(s) as { id: number; call: string; input?: unknown });
    expect(frames.map((f) => f.call)).toEqual(['getMachine', 'startRun']);
    expect(frames[0]).not.toHaveProperty('input');
    socket.emit('message', JSON.stringify({ id: frames[1]?.id, reply: { ok: false, error: 'a run is already in progress' } }));
    socket.emit('message', JSON.stringify({ id: frames[0]?.id, reply: { ok: true, value: { cpuModel: 'x' } } }));
    await expect(machine).resolves.toEqual({ cpuModel: 'x' });
    await expect(run).rejects.toThrow('a run is already in progress');
  });

  it('delivers events to subscribers until they unsubscribe', () => {
    const { api, socket } = connect();
    const seen: number[] = [];
    const off = api.on('cores', (sample) => seen.push(sample.t));
    socket.emit('message', JSON.stringify({ event: 'cores', payload: { t: 1, loads: [] } }));
    off();
    socket.emit('message', JSON.stringify({ event: 'cores', payload: { t: 2, loads: [] } }));
    socket.emit('message', 'not json');
    expect(seen).toEqual([1]);
  });

  it('unpacks timeline batches the host packed, passes plain ones on, and drops a packed one that does not check out', () => {
    const { api, socket } = connect();
    const seen: RunEvent[] = [];
    api.on('run', (event) => seen.push(event));
    const batch: RunEvent = { type: 'timeline', runId: 'r', stepId: 'threads', step: 'threads', mode: 'threads', segments: [{ worker: 1, state: 'holding', start: 0.25, end: 5.125 }] };
    socket.emit('message', JSON.stringify({ event: 'run', payload: toWire(batch) }));
    socket.emit('message', JSON.stringify({ event: 'run', payload: batch }));
    socket.emit('message', JSON.stringify({ event: 'run', payload: { ...toWire(batch), packed: [1, 99, 0, 1] } }));
    socket.emit('message', JSON.stringify({ event: 'run', payload: { type: 'run-cancelled', runId: 'r' } }));
    expect(seen).toEqual([batch, batch, { type: 'run-cancelled', runId: 'r' }]);
  });

  it('rejects pending and later calls once the host is gone', async () => {
    const { api, socket, states } = connect();
    socket.emit('open');
    const pending = api.cancelRun();
    socket.emit('close');
    expect(states).toEqual(['open', 'lost']);
    await expect(pending).rejects.toThrow(HOST_STOPPED);
    await expect(api.listExperiments()).rejects.toThrow(HOST_STOPPED);
  });

  it('rejects pending calls with the reason the host gave when it closed the page on purpose', async () => {
    const { api, socket } = connect();
    socket.emit('open');
    const pending = api.getMachine();
    socket.emit('close', undefined, 'The lab already has 8 pages open; close one, then reload this one.');
    await expect(pending).rejects.toThrow('already has 8 pages open');
  });
});

describe('a tab the host refuses', () => {
  const HOST = '127.0.0.1:4321';

  function connectWith(url: string, hostAnswers: () => Promise<boolean>) {
    vi.stubGlobal('WebSocket', FakeSocket);
    FakeSocket.last = undefined;
    const states: ConnectionState[] = [];
    const api = createWsClient(url, (s) => states.push(s), { host: HOST, hostAnswers });
    return { api, socket: FakeSocket.last as FakeSocket | undefined, states };
  }

  it('without a token it does not even try, and says how to open the lab', async () => {
    const asked = vi.fn(async () => true);
    const { api, socket, states } = connectWith('ws://127.0.0.1:4321/bridge?token=', asked);
    expect(socket).toBeUndefined();
    const call = api.getMachine();
    await expect(call).rejects.toThrow(needsAddress(HOST));
    expect(states).toEqual(['refused']);
    await expect(api.listExperiments()).rejects.toThrow(/address the host printed/);
    expect(asked).not.toHaveBeenCalled();
  });

  it('a bridge closed before it opened, with the host still serving its page: refused, not stopped', async () => {
    const { api, socket, states } = connectWith('ws://127.0.0.1:4321/bridge?token=stale', async () => true);
    const call = api.getMachine();
    socket?.emit('close');
    await expect(call).rejects.toThrow(needsAddress(HOST));
    expect(states).toEqual(['refused']);
  });

  it('a bridge closed before it opened, with no page answering either: the host stopped', async () => {
    const { api, socket, states } = connectWith('ws://127.0.0.1:4321/bridge?token=t', async () => false);
    const call = api.getMachine();
    socket?.emit('close');
    await expect(call).rejects.toThrow(HOST_STOPPED);
    expect(states).toEqual(['lost']);
    // A failing check counts as no answer.
    const other = connectWith('ws://127.0.0.1:4321/bridge?token=t', () => Promise.reject(new Error('x')));
    other.socket?.emit('close');
    await expect(other.api.getMachine()).rejects.toThrow(HOST_STOPPED);
  });

  it('a bridge that opened and then closed is a host gone, whatever its page does', async () => {
    const asked = vi.fn(async () => true);
    const { socket, states } = connectWith('ws://127.0.0.1:4321/bridge?token=t', asked);
    socket?.emit('open');
    socket?.emit('close');
    expect(states).toEqual(['open', 'lost']);
    expect(asked).not.toHaveBeenCalled();
    expect(connectionDown('refused')).toBe(true);
    expect(connectionDown('connecting')).toBe(false);
  });
});
