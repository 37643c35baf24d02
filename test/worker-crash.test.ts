/**
 * A worker killed from outside mid-run ends the run with a clear message, the other workers are
 * stopped with it, and the next run works.
 */
import { describe, expect, it } from 'vitest';
import { builtEntries } from '../src/engine/entries';
import { liveChildCount } from '../src/engine/children';
import { Lab } from '../src/engine/lab';
import { LAB_LESSONS } from '../src/lessons/programs';
import type { RunEvent } from '../src/shared/results';
import { OUT_MAIN } from './build-state';
import { processesRunning, waitUntil } from './processes';

const entries = builtEntries(OUT_MAIN);

describe('a worker killed mid-run', () => {
  it('fails the run with a sentence, stops the others, and the lab runs again', async () => {
    const lab = new Lab({ entries, lessons: LAB_LESSONS });
    const events: RunEvent[] = [];
    lab.onEvent((event) => events.push(event));
    try {
      const { done } = lab.startRun({ experiment: 'cpu-bound', modes: ['processes'], workers: 3, seconds: 20, switchMs: 5 });
      expect(await waitUntil(() => processesRunning(entries.process).length === 3, 20_000)).toBe(true);
      await waitUntil(() => events.some((e) => e.type === 'mode-started'), 5000);
      const [victim] = processesRunning(entries.process);
      process.kill(victim as number, 'SIGKILL');
      await expect(done).rejects.toThrow(/worker \d was killed \(SIGKILL\) before finishing its work; the run was stopped/);
      const failed = events.find((e) => e.type === 'run-failed');
      expect(failed && 'message' in failed ? failed.message : '').toMatch(/was killed/);
      expect(await waitUntil(() => processesRunning(entries.process).length === 0, 2000)).toBe(true);
      expect(liveChildCount()).toBe(0);
      expect(lab.busy).toBe(false);

      const again = await lab.startRun({ experiment: 'cpu-bound', modes: ['processes'], workers: 2, seconds: 0.1, switchMs: 5 }).done;
      expect(again).toHaveLength(1);
    } finally {
      await lab.dispose();
    }
  });
});
