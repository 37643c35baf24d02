import { describe, expect, it } from 'vitest';
import { ROOM_FILE_BYTES, ROOM_FILES } from '../../../shared/room-schemas';
import { addRoomFiles, initialRoom, parseRoomFile, roomKey, roomWorkers, type RoomInput } from './room';

const machine = { cpuModel: 'Laptop A', logicalCores: 8, physicalCores: 4, performanceCores: null, efficiencyCores: null, os: 'Linux', arch: 'x64', totalMemoryBytes: 1 };
const result = (mode: string, workers: number, speedup: number | null, runId = 'r1') => ({ runId, experiment: 'scaling', step: `${workers} ${mode}`, mode, workers, speedup, wallMs: 100, extra: { ignored: true } });
const file = (body: unknown, name = 'a.json'): RoomInput => {
  const text = JSON.stringify(body);
  return { name, bytes: text.length, text };
};
const run = (cpuModel = 'Laptop A', runId = 'r1') =>
  file({ format: 'gil-lab-run/1', machine: { ...machine, cpuModel }, results: [result('sequential', 1, 1, runId), result('threads', 2, 0.9, runId), result('threads', 4, 1.1, runId), result('processes', 4, 3.6, runId)] });

describe('parseRoomFile', () => {
  it('reads the machine and the step with the most workers of each mode', () => {
    const parsed = parseRoomFile(run());
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.entry.machine).toBe('Laptop A');
    expect(parsed.entry.cores).toBe(8);
    expect(parsed.entry.points).toEqual([
      { mode: 'threads', workers: 4, speedup: 1.1 },
      { mode: 'processes', workers: 4, speedup: 3.6 },
    ]);
  });

  it('refuses text that is not JSON', () => {
    const parsed = parseRoomFile({ name: 'x.json', bytes: 5, text: '{"a":' });
    expect(parsed).toEqual({ ok: false, error: 'x.json: not a JSON file.' });
  });

  it('refuses JSON of the wrong shape, and files without a machine or a speedup', () => {
    expect(parseRoomFile(file({ machine, results: 'nope' })).ok).toBe(false);
    expect(parseRoomFile(file({ machine: { ...machine, logicalCores: -1 }, results: [] })).ok).toBe(false);
    expect(parseRoomFile(file([1, 2, 3])).ok).toBe(false);
    const noMachine = parseRoomFile(file({ machine: null, results: [result('threads', 2, 1)] }));
    expect(noMachine.ok ? '' : noMachine.error).toMatch(/machine is unknown/);
    const noSpeedup = parseRoomFile(file({ machine, results: [result('threads', 2, null)] }));
    expect(noSpeedup.ok ? '' : noSpeedup.error).toMatch(/no speedup/);
  });

  it('refuses a file over the size cap before reading it, by its size or by its text', () => {
    expect(parseRoomFile({ name: 'big.json', bytes: ROOM_FILE_BYTES + 1, text: null })).toMatchObject({ ok: false, error: expect.stringMatching(/larger than 2 MB/) });
    const padded = JSON.stringify({ machine, results: [result('threads', 2, 1)], pad: 'x'.repeat(ROOM_FILE_BYTES) });
    expect(parseRoomFile({ name: 'big.json', bytes: 10, text: padded }).ok).toBe(false);
  });

  it('reads a session file (no format tag) as well as a run file', () => {
    expect(parseRoomFile(file({ exportedAt: 'x', machine, runs: [], results: [result('processes', 2, 1.9)], samples: {} })).ok).toBe(true);
  });
});

describe('addRoomFiles', () => {
  it('adds laptops, refuses duplicates, and keeps a note per refused file', () => {
    const room = addRoomFiles(initialRoom, [run('Laptop A'), run('Laptop B'), run('Laptop A'), { name: 'bad.json', bytes: 3, text: 'nul' }]);
    expect(room.open).toBe(true);
    expect(room.entries.map((e) => e.machine)).toEqual(['Laptop A', 'Laptop B']);
    expect(room.notes).toHaveLength(2);
    expect(room.notes[0]).toMatch(/same machine and runs/);
    // The same laptop's next run is another point.
    expect(addRoomFiles(room, [run('Laptop A', 'r2')]).entries).toHaveLength(3);
    expect(roomWorkers(room.entries)).toBe(4);
  });

  it('holds at most ROOM_FILES files', () => {
    const many = Array.from({ length: ROOM_FILES + 3 }, (_, i) => run(`Laptop ${i}`));
    const room = addRoomFiles(initialRoom, many);
    expect(room.entries).toHaveLength(ROOM_FILES);
    expect(room.notes).toHaveLength(3);
  });
});

describe('roomKey', () => {
  it('tells laptops and runs apart whatever characters their names hold', () => {
    expect(roomKey('Laptop A', 8, ['r2', 'r1', 'r1'])).toBe(roomKey('Laptop A', 8, ['r1', 'r2']));
    expect(roomKey('Laptop A', 8, ['r1,r2'])).not.toBe(roomKey('Laptop A', 8, ['r1', 'r2']));
    expect(roomKey('A\u00008', 8, ['r1'])).not.toBe(roomKey('A', 8, ['8\u0000r1']));
    expect(roomKey('Laptop A', 8, ['r1'])).not.toBe(roomKey('Laptop A', 4, ['r1']));
  });
});
