import { describe, expect, it } from 'vitest';
import { EXPERIMENTS } from '../../lessons/catalogue';
import { parseCommand, UsageError } from './args';

const refusal = (argv: string[], cores = 2): string => {
  try {
    parseCommand(argv, cores);
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    return (error as Error).message;
  }
  throw new Error(`accepted: ${argv.join(' ')}`);
};

const run = (argv: string[], cores = 2) => {
  const command = parseCommand(['run', ...argv], cores);
  if (command.kind !== 'run') throw new Error(`not a run: ${command.kind}`);
  return command.request;
};

describe('CLI numbers are plain decimals', () => {
  it.each([
    ['--workers', '0x11', /^--workers must be a number written in plain digits, like 4, not "0x11"$/],
    ['--workers', '1e1', /not "1e1"$/],
    ['--workers', ' 4', /not " 4"$/],
    ['--workers', '4.', /not "4\."$/],
    ['--workers', '', /^--workers must be a number, not empty$/],
    ['--workers', '4.0', /^--workers must be a whole number, not "4\.0"$/],
    ['--seconds', '1e-1', /^--seconds must be a number written in plain digits, like 0\.5, not "1e-1"$/],
    ['--seconds', '.5', /not "\.5"$/],
    ['--seconds', '', /^--seconds must be a number, not empty$/],
    ['--switch-ms', '0x5', /^--switch-ms must be a number/],
    ['--switch-ms', 'Infinity', /^--switch-ms must be a number/],
  ])('%s %j is refused', (option, value, message) => {
    expect(refusal(['run', 'cpu-bound', option, value])).toMatch(message);
    expect(refusal(['run', 'cpu-bound', `${option}=${value}`])).toMatch(message);
  });

  it('reads plain numbers, and leaves the range to the schema', () => {
    expect(run(['cpu-bound', '--workers', '3', '--seconds', '0.25', '--switch-ms', '10'])).toMatchObject({ workers: 3, seconds: 0.25, switchMs: 10 });
    expect(run(['cpu-bound', '--workers', '016'])).toMatchObject({ workers: 16 });
    expect(refusal(['run', 'cpu-bound', '--workers', '-3'])).toMatch(/workers must be at least 1/);
    expect(refusal(['run', 'cpu-bound', '--seconds', '1000000000'])).toMatch(/seconds must be at most 30 s/);
  });
});

describe('CLI run length', () => {
  it('refuses scaling at 16 workers x 30 s, with the estimate', () => {
    expect(refusal(['run', 'scaling', '--workers', '16', '--seconds', '30'])).toMatch(
      /^this run would take about \d+ min( \d+ s)? \(scaling with 16 worker\(s\) of 30 s\), more than the 10 min a run may last; use fewer workers or shorter tasks$/,
    );
  });

  it.each(EXPERIMENTS.map((e) => e.id))('accepts the defaults of %s', (id) => {
    for (const cores of [1, 2, 8]) expect(run([id], cores).experiment).toBe(id);
  });

  it('accepts a long run under the cap, and counts only the chosen modes', () => {
    expect(run(['cpu-bound', '--workers', '4', '--seconds', '30'], 4).seconds).toBe(30);
    expect(refusal(['run', 'cpu-bound', '--workers', '16', '--seconds', '30'], 4)).toMatch(/more than the 10 min/);
    expect(run(['cpu-bound', '--workers', '16', '--seconds', '30', '--modes', 'processes'], 4).workers).toBe(16);
  });
});

describe('parseCommand: real CPython', () => {
  it('runs both engines once an interpreter is named, the simulation alone otherwise', () => {
    expect(parseCommand(['run', 'cpu-bound', '--python', 'python3.12'], 4)).toMatchObject({ kind: 'run', engine: 'both', python: 'python3.12' });
    expect(parseCommand(['run', 'cpu-bound'], 4)).toMatchObject({ kind: 'run', engine: 'lab' });
    expect(parseCommand(['run', 'cpu-bound', '--engine', 'cpython'], 4)).toMatchObject({ kind: 'run', engine: 'cpython' });
    expect(parseCommand(['pythons', '--json'], 4)).toEqual({ kind: 'pythons', json: true });
  });

  it('asks real CPython to time its baseline again after each step only when told to', () => {
    expect(run(['scaling', '--python', 'python3', '--baseline-each-step']).baselineEachStep).toBe(true);
    expect(run(['scaling', '--python', 'python3'])).not.toHaveProperty('baselineEachStep');
  });

  it('refuses an unknown engine, and CPython for a lesson without a real counterpart, with a sentence', () => {
    expect(() => parseCommand(['run', 'cpu-bound', '--engine', 'pypy'], 4)).toThrow(/engine must be one of: lab, cpython, both/);
    expect(() => parseCommand(['run', 'deadlock', '--engine', 'both'], 4)).toThrow(/deadlock has no real-CPython counterpart yet/);
    expect(() => parseCommand(['run', 'cpu-bound', '--python', ''], 4)).toThrow(/python must not be empty/);
  });
});
