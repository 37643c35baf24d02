/** The process-cost explainer on the pool's price per message, from the figures the program measures. */
import { describe, expect, it } from 'vitest';
import { explainRun } from '../catalogue';
import { lesson, result } from '../explain-fixtures';

const run = (each: Record<string, number | null>) => [
  result('process-cost', 'tiny tasks in sequence', 'sequential', { tasks: 20_000, wallMs: 500, speedup: 1 }),
  result('process-cost', 'tiny tasks, one message each', 'processes', { tasks: 20_000, wallMs: 5000, speedup: 0.1, metrics: each }),
  result('process-cost', 'tiny tasks, batched', 'processes', { tasks: 20_000, wallMs: 400, speedup: 1.25 }),
];

describe('process-cost explainer', () => {
  it("says what each message cost the pool's parent, against the task it carried", () => {
    const lines = explainRun(lesson('process-cost'), run({ parentCpuPerMessageMs: 0.25, taskCpuMs: 0.025 }), 4);
    expect(lines.find((l) => l.startsWith('Each message'))).toMatch(/^Each message cost the pool's parent 0\.25 ms of CPU, 10\.0x the task it carried, paid one message after another/);
  });

  it("says how much of it was Node's own message, measured, and that the lab paid the rest", () => {
    const lines = explainRun(lesson('process-cost'), run({ parentCpuPerMessageMs: 0.25, taskCpuMs: 0.025, nodeParentCpuPerMessageMs: 0.08 }), 4);
    expect(lines.find((l) => l.startsWith('Each message'))).toMatch(/Node's own message took 0\.08 ms of it, measured as the pool ran; the lab paid the rest as real work/);
  });

  it('says nothing of it where the run did not measure it', () => {
    const lines = explainRun(lesson('process-cost'), run({ parentCpuPerMessageMs: 0.25, taskCpuMs: null }), 4);
    expect(lines.some((l) => l.startsWith('Each message'))).toBe(false);
  });
});
