/** Each lesson's run-length estimate, read through the registry the hosts and the page use. */
import { describe, expect, it } from 'vitest';
import type { Experiment } from '../shared/experiments';
import { LIMITS, maxWorkers } from '../shared/limits';
import type { RunRequest } from '../shared/schemas';
import { estimateRun as estimateWith, MAX_RUN_SECONDS, runTooLong as tooLongWith, type EstimateRequest } from '../shared/run-estimate';
import { ESTIMATES, EXPERIMENTS, findExperiment } from './catalogue';
import { PROGRAMS } from './programs';

const lesson = (id: string): Experiment => {
  const found = findExperiment(id);
  if (!found) throw new Error(`no lesson ${id}`);
  return found;
};
const estimateRun = (experiment: Experiment, request: EstimateRequest, cores: number) => estimateWith(experiment, request, cores, ESTIMATES[experiment.id]);
const runTooLong = (experiment: Experiment, request: EstimateRequest, cores: number) => tooLongWith(experiment, request, cores, ESTIMATES[experiment.id]);
const CORES = [1, 2, 4, 8, 64];

describe('run length estimate', () => {
  it.each(EXPERIMENTS.map((e) => [e.id, e] as const))('accepts the defaults of %s on every machine size', (_id, experiment) => {
    for (const cores of CORES) {
      expect(runTooLong(experiment, experiment.defaults, cores)).toBeNull();
      // A lesson's defaults are meant for a workshop: well under a minute.
      expect(estimateRun(experiment, experiment.defaults, cores).seconds).toBeLessThan(60);
    }
  });

  it('refuses scaling at 16 workers x 30 s, saying how long it would take', () => {
    for (const cores of [2, 8]) {
      expect(maxWorkers(cores)).toBeGreaterThanOrEqual(16);
      const request = { workers: 16, seconds: 30, switchMs: 5 };
      const estimate = estimateRun(lesson('scaling'), request, cores);
      // Threads alone run 1 + 2 + 4 + 8 + 16 tasks of 30 s one after another: 15.5 minutes.
      expect(estimate.seconds).toBeGreaterThan(31 * 30);
      const refusal = runTooLong(lesson('scaling'), request, cores);
      expect(refusal).toMatch(/^this run would take about \d+ min( \d+ s)? \(scaling with 16 worker\(s\) of 30 s\), more than the 10 min a run may last/);
    }
  });

  it('counts what the steps really run: GIL threads add up, processes share the cores, waits overlap', () => {
    const cpu = estimateRun(lesson('cpu-bound'), { workers: 4, seconds: 10, switchMs: 5 }, 4);
    const byId = Object.fromEntries(cpu.steps.map((s) => [s.id, s.seconds]));
    expect(byId.sequential).toBeGreaterThanOrEqual(40);
    expect(byId.threads).toBeGreaterThanOrEqual(40);
    expect(byId.processes).toBeGreaterThanOrEqual(10);
    expect(byId.processes).toBeLessThan(15);
    const io = estimateRun(lesson('io-bound'), { workers: 4, seconds: 10, switchMs: 5 }, 4);
    const ioById = Object.fromEntries(io.steps.map((s) => [s.id, s.seconds]));
    expect(ioById.threads).toBeLessThan(15);
    // On one core, processes take turns too.
    const oneCore = estimateRun(lesson('cpu-bound'), { workers: 4, seconds: 10, switchMs: 5, modes: ['processes'] }, 1);
    expect(oneCore.seconds).toBeGreaterThanOrEqual(40);
  });

  it('counts only the modes asked for, where a lesson lets you choose', () => {
    const request = { workers: 8, seconds: 5, switchMs: 5 };
    const all = estimateRun(lesson('cpu-bound'), request, 2).seconds;
    const one = estimateRun(lesson('cpu-bound'), { ...request, modes: ['processes'] as const }, 2).seconds;
    expect(one).toBeLessThan(all / 2);
    // The lost update always runs both its steps.
    expect(estimateRun(lesson('lost-update'), { ...request, modes: ['threads'] }, 2).steps).toHaveLength(2);
  });

  it('never shrinks when tasks grow longer or more numerous', () => {
    const workers = [1, 2, 3, 8, 16];
    const seconds = [LIMITS.seconds.min, 1, 10, LIMITS.seconds.max];
    for (const experiment of EXPERIMENTS) {
      const grid = workers.map((w) => seconds.map((s) => estimateRun(experiment, { workers: w, seconds: s, switchMs: 5 }, 2).seconds));
      grid.forEach((row, i) =>
        row.forEach((value, j) => {
          const where = `${experiment.id} ${workers[i]} x ${seconds[j]}`;
          expect(value, where).toBeGreaterThan(0);
          // process-cost splits a fixed amount of work over its pool: more processes, shorter steps.
          if (i > 0 && experiment.id !== 'process-cost') expect(value, where).toBeGreaterThanOrEqual(grid[i - 1]?.[j] ?? Infinity);
          if (j > 0) expect(value, where).toBeGreaterThanOrEqual(row[j - 1] ?? Infinity);
        }),
      );
    }
  });

  it('lets a long but reasonable run through and stops the one past the cap', () => {
    expect(runTooLong(lesson('cpu-bound'), { workers: 4, seconds: 30, switchMs: 5 }, 4)).toBeNull();
    expect(runTooLong(lesson('cpu-bound'), { workers: 16, seconds: 30, switchMs: 5 }, 4)).toMatch(/more than the 10 min/);
    expect(runTooLong(lesson('hybrid'), { workers: 4, seconds: 30, switchMs: 5 }, 4)).toMatch(/hybrid/);
    expect(runTooLong(lesson('strategy'), { workers: 16, seconds: 30, switchMs: 5 }, 8)).not.toBeNull();
    // The deadlock and convoy lessons do not grow with workers.
    expect(runTooLong(lesson('deadlock'), { workers: 16, seconds: 30, switchMs: 5 }, 2)).toBeNull();
    expect(estimateRun(lesson('convoy'), { workers: 16, seconds: 30, switchMs: 5 }, 2).seconds).toBeLessThan(MAX_RUN_SECONDS);
  });

  it('counts the very steps each program plans, by id and in order', () => {
    const requests: Omit<RunRequest, 'experiment'>[] = [
      { workers: 1, seconds: 0.5, switchMs: 5 },
      { workers: 3, seconds: 1, switchMs: 0.2 },
      { workers: 8, seconds: 2, switchMs: 20, modes: ['processes', 'free-threaded', 'asyncio'] },
    ];
    for (const experiment of EXPERIMENTS) {
      for (const request of [experiment.defaults, ...requests]) {
        for (const cores of [1, 2, 8]) {
          const planned = PROGRAMS[experiment.id].steps(experiment, { experiment: experiment.id, ...request }, cores).map((s) => s.id);
          expect(estimateRun(experiment, request, cores).steps.map((s) => s.id), `${experiment.id} ${JSON.stringify(request)} on ${cores}`).toEqual(planned);
        }
      }
    }
  });
});
