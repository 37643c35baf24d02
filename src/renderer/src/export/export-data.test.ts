import { describe, expect, it } from 'vitest';
import type { ModeResult } from '../../../shared/results';
import { exportName, resultsCsv } from './export-data';

const result = (step: string, metrics: Record<string, number | null>): ModeResult => ({
  runId: 'r1', experiment: 'lost-update', stepId: step, step, mode: 'threads', task: 'cpu', workers: 2, tasks: 2, taskSeconds: 0.5, switchMs: 5,
  wallMs: 100, startupMs: 5, speedup: null, coresUsed: null, coresBusy: 1.5, gilSwitches: 3, forcedSwitches: 1, holdMs: 1, waitMs: 2, ioMs: 0,
  violations: 0, perWorker: [], metrics, finishedAt: 'T',
});

describe('exports', () => {
  it('writes one CSV row per step with every lesson figure as a column, quoting what needs it', () => {
    const csv = resultsCsv([result('no lock', { lost: 12 }), result('with "the" GIL, safe', { lost: 0, actual: 5 })], [
      { runId: 'r1', number: 3, experiment: 'lost-update', workers: 2, modes: [], steps: [], prediction: null, outcome: 'finished' },
    ]);
    const lines = csv.trim().split('\r\n');
    expect(lines[0]).toMatch(/,actual,lost$/);
    expect(lines[1]).toMatch(/^3,lost-update,no lock,threads,.*,,12$/);
    expect(lines[2]).toContain('"with ""the"" GIL, safe"');
  });

  it("has the run's own cores used beside the machine's cores busy, by name", () => {
    const used = { ...result('no lock', {}), coresUsed: 1.25, coresBusy: 1.75 };
    const lines = resultsCsv([used, result('with the GIL', {})], []).trim().split('\r\n');
    const header = (lines[0] as string).split(',');
    const column = (line: string | undefined, name: string): string | undefined => line?.split(',')[header.indexOf(name)];
    expect(header).toContain('cores_used');
    expect(column(lines[1], 'cores_used')).toBe('1.25');
    expect(column(lines[1], 'cores_busy')).toBe('1.75');
    // Not measured: an empty cell, not 0.
    expect(column(lines[2], 'cores_used')).toBe('');
  });

  it('says which engine and which interpreter produced each figure', () => {
    const python = { executable: '/usr/bin/python3', version: '3.11.7', freeThreaded: false, gilEnabled: true };
    const csv = resultsCsv([result('threads', {}), { ...result('threads · CPython', {}), stepId: 'cpython:threads', engine: 'cpython', python, coresUsed: 1.02 }], []);
    const [head = '', lab = '', real = ''] = csv.trim().split('\r\n');
    const column = (line: string, name: string): string | undefined => line.split(',')[head.split(',').indexOf(name)];
    expect(column(lab, 'engine')).toBe('lab');
    expect(column(lab, 'python_version')).toBe('');
    expect([column(real, 'engine'), column(real, 'python_version'), column(real, 'python_free_threaded'), column(real, 'python_executable'), column(real, 'cores_used')]).toEqual(['cpython', '3.11.7', 'false', '/usr/bin/python3', '1.02']);
  });

  it('leaves empty what cannot be seen from inside CPython, and switches where a real step read no turns', () => {
    const python = { executable: '/usr/bin/python3', version: '3.11.7', freeThreaded: false, gilEnabled: true };
    const real = (holdMs: number): ModeResult => ({ ...result('threads · CPython', {}), engine: 'cpython', python, gilSwitches: holdMs > 0 ? 40 : 0, forcedSwitches: 0, waitMs: 0, ioMs: 0, holdMs });
    const [head = '', lab = '', turns = '', timed = ''] = resultsCsv([result('threads', {}), real(950), real(0)], []).trim().split('\r\n');
    const figures = (line: string): (string | undefined)[] => ['gil_switches', 'forced_switches', 'hold_ms', 'wait_ms', 'io_ms'].map((name) => line.split(',')[head.split(',').indexOf(name)]);
    expect(figures(lab)).toEqual(['3', '1', '1', '2', '0']);
    expect(figures(turns)).toEqual(['40', '', '950', '', '']);
    expect(figures(timed)).toEqual(['', '', '0', '', '']);
  });

  it('names files so the save dialog accepts them', () => {
    expect(exportName('csv', new Date(2026, 10, 24, 9, 5))).toBe('gil-lab-2026-11-24-0905.csv');
  });
});

describe('run data', () => {
  it('holds everything needed to redraw a run: machine, steps with labels and segments, samples, results', async () => {
    const { RunArchive } = await import('../store/run-archive');
    const { runJson, sessionJson, RUN_FORMAT } = await import('./export-data');
    const archive = new RunArchive();
    archive.beginRun('r1', 'cpu-bound', [{ id: 'threads', label: 'threads' }], 1000);
    archive.beginStep('r1', { id: 'threads', label: 'threads' }, 'threads', 2, ['thread A', 'thread B'], 1010, 4.5);
    archive.append('r1', { id: 'threads', label: 'threads' }, 'threads', [
      { worker: 0, state: 'holding', start: 5, end: 10.1234567 },
      { worker: 1, state: 'waiting', start: 5, end: 10 },
      { worker: 1, state: 'blocked', start: 10, end: 12 },
    ]);
    archive.addSample({ t: 1020, loads: [90, 10] });
    archive.endRun('r1', 1100);
    const record = { runId: 'r1', number: 1, experiment: 'cpu-bound', workers: 2, modes: ['threads' as const], steps: [{ id: 'threads', label: 'threads' }], prediction: null, outcome: 'finished' as const };
    const machine = { cpuModel: 'CPU', logicalCores: 2, physicalCores: 2, performanceCores: null, efficiencyCores: null, os: 'Linux', arch: 'x64', totalMemoryBytes: 1 };
    const data = JSON.parse(runJson(machine, record, archive.get('r1'), [result('threads', {}), { ...result('other', {}), runId: 'r2' }]));
    expect(data.format).toBe(RUN_FORMAT);
    expect(data.machine.cpuModel).toBe('CPU');
    expect(data.run).toMatchObject({ id: 'r1', experiment: 'cpu-bound', number: 1 });
    expect(data.steps).toHaveLength(1);
    expect(data.run.plannedSteps).toEqual(['threads']);
    expect(data.steps[0]).toMatchObject({ stepId: 'threads', step: 'threads', mode: 'threads', workerLabels: ['thread A', 'thread B'], workers: 2, goMs: 4.5 });
    expect(data.steps[0].segments).toEqual([
      { worker: 0, state: 'holding', start: 5, end: 10.123 },
      { worker: 1, state: 'waiting', start: 5, end: 10 },
      { worker: 1, state: 'blocked', start: 10, end: 12 },
    ]);
    expect(data.samples).toEqual([{ t: 1020, loads: [90, 10] }]);
    expect(data.results).toHaveLength(1);
    // The session file carries every run's samples, keyed by run id.
    const session = JSON.parse(sessionJson(machine, [record], [result('threads', {})], [archive.get('r1')]));
    expect(session.samples.r1).toHaveLength(1);
    expect(session.results).toHaveLength(1);
  });
});
