/**
 * A lesson run through the built CLI with --json, and its steps read back by step id: the id a
 * lesson gives a step in code (`src/lessons/<id>/lesson.ts`), never the label shown, which may change.
 */
import { expect } from 'vitest';
import type { ModeResult } from '../src/shared/results';
import { runCli } from './cli';

/** What `lab run … --json` prints. */
export interface Report {
  experiment: string;
  cores: number;
  runs: ModeResult[];
}

/** Runs `lab run <args> --json` and fails the test unless it exits 0. */
export async function run(args: string[]): Promise<Report> {
  const out = await runCli(['run', ...args, '--json'], 180_000);
  expect(out.code, out.stderr).toBe(0);
  return JSON.parse(out.stdout) as Report;
}

/** The step with this id; throws, naming the ids there are, if the run has none. */
export function step(report: Report, id: string): ModeResult {
  const found = report.runs.find((r) => r.stepId === id);
  if (!found) throw new Error(`no step "${id}" in ${report.runs.map((r) => r.stepId).join(', ')}`);
  return found;
}

/** One of a step's own figures; throws if the step did not report it. */
export const metric = (result: ModeResult, key: string): number => {
  const value = result.metrics[key];
  if (value === null || value === undefined) throw new Error(`${result.stepId} has no ${key}`);
  return value;
};
