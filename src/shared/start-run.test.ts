import { describe, expect, it } from 'vitest';
import { callSchemas } from './api-schemas';
import { describeIssue, preferencesSchema } from './schemas';

const startRun = callSchemas(4).startRun;
const base = { experiment: 'cpu-bound', workers: 4, seconds: 1, switchMs: 5 };
const refusal = (input: unknown): string | null => {
  const parsed = startRun.safeParse(input);
  return parsed.success ? null : describeIssue(parsed.error);
};

describe('startRun input: engine and python', () => {
  it('takes each engine and an interpreter named or given by absolute path', () => {
    for (const engine of ['lab', 'cpython', 'both'] as const) expect(refusal({ ...base, engine })).toBeNull();
    expect(startRun.parse({ ...base, engine: 'both', python: 'python3' })).toMatchObject({ engine: 'both', python: 'python3' });
    expect(refusal({ ...base, engine: 'cpython', python: '/usr/bin/python3' })).toBeNull();
    expect(startRun.parse(base)).not.toHaveProperty('engine'); // the simulation alone, as before
  });

  it('refuses an unknown engine, code in place of a python, and extra fields', () => {
    expect(refusal({ ...base, engine: 'pypy' })).toMatch(/engine must be one of: lab, cpython, both/);
    expect(refusal({ ...base, engine: 'both', python: 'python3\nimport os' })).toMatch(/single line/);
    expect(refusal({ ...base, engine: 'both', python: '' })).toMatch(/must not be empty/);
    expect(refusal({ ...base, engine: 'both', python: 'x'.repeat(1025) })).toMatch(/too long/);
    expect(refusal({ ...base, engine: 'both', python: 42 })).toMatch(/name or an absolute path/);
    expect(refusal({ ...base, engine: 'both', args: ['-c', 'print(1)'] })).toMatch(/unknown field: args/);
    expect(refusal({ ...base, engine: 'both', script: 'print(1)' })).toMatch(/unknown field: script/);
  });

  it('refuses a real run of a lesson with no Python counterpart, but runs it on the simulation', () => {
    expect(refusal({ ...base, experiment: 'deadlock', engine: 'both' })).toMatch(/no real-CPython counterpart/);
    expect(refusal({ ...base, experiment: 'deadlock', engine: 'lab' })).toBeNull();
  });

  it('keeps the chosen interpreter in the preferences, or null for the simulation only', () => {
    expect(preferencesSchema.parse({ python: '/usr/bin/python3' })).toEqual({ python: '/usr/bin/python3' });
    expect(preferencesSchema.parse({ python: null })).toEqual({ python: null });
    expect(preferencesSchema.safeParse({ python: 'a\nb' }).success).toBe(false);
  });
});
