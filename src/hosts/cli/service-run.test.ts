import { describe, expect, it } from 'vitest';
import { LabError, RunCancelled } from '../../engine/errors';
import type { EventSink, LabService } from '../../engine/service';
import type { CallName, CallReply } from '../../shared/api';
import type { ModeResult, RunEvent } from '../../shared/results';
import { CLI_CLIENT, runThroughService } from './service-run';

const input = { experiment: 'cpu-bound', workers: 2, seconds: 0.1, switchMs: 5, engine: 'both', python: 'python3' } as const;
const result = { runId: 'r1', stepId: 'cpython:threads' } as ModeResult;

/** A service whose startRun answers `reply`, sending `before` while it starts and `after` once it has answered. */
function fakeService(reply: CallReply<CallName>, before: RunEvent[], after: RunEvent[]) {
  let sink: EventSink | undefined;
  const calls: { name: unknown; input: unknown; client: string }[] = [];
  const service: LabService = {
    call: async (name, given, client) => {
      calls.push({ name, input: given, client });
      for (const event of before) sink?.('run', event);
      setTimeout(() => after.forEach((event) => sink?.('run', event)), 1);
      return reply;
    },
    attach: (_client, s) => (sink = s),
    detach: () => (sink = undefined),
  };
  return { service, calls, attached: () => sink !== undefined };
}

describe('a CLI run through the service', () => {
  it('sends startRun with the engine and interpreter, and takes the events sent before it answered', async () => {
    const seen: string[] = [];
    const fake = fakeService({ ok: true, value: { runId: 'r1' } }, [{ type: 'run-started', runId: 'r1', experiment: 'cpu-bound', modes: [], steps: [], workers: 2 }], [
      { type: 'run-finished', runId: 'other', results: [] },
      { type: 'run-finished', runId: 'r1', results: [result] },
    ]);
    const results = await runThroughService(fake.service, input, { limitMs: 5_000, onEvent: (e) => seen.push(e.type) });
    expect(results).toEqual([result]);
    expect(fake.calls).toEqual([{ name: 'startRun', input, client: CLI_CLIENT }]);
    expect(seen).toEqual(['run-started', 'run-finished']);
    expect(fake.attached()).toBe(false);
  });

  it("a refusal is the service's sentence; a failure and a cancel are what they are", async () => {
    const refused = fakeService({ ok: false, error: 'this run would take about 12 min' }, [], []);
    await expect(runThroughService(refused.service, input, { limitMs: 5_000 })).rejects.toThrow(new LabError('this run would take about 12 min'));
    expect(refused.attached()).toBe(false);
    const failed = fakeService({ ok: true, value: { runId: 'r1' } }, [], [{ type: 'run-failed', runId: 'r1', message: 'the harness stopped' }]);
    await expect(runThroughService(failed.service, input, { limitMs: 5_000 })).rejects.toThrow('the harness stopped');
    const cancelled = fakeService({ ok: true, value: { runId: 'r1' } }, [], [{ type: 'run-cancelled', runId: 'r1' }]);
    await expect(runThroughService(cancelled.service, input, { limitMs: 5_000 })).rejects.toBeInstanceOf(RunCancelled);
  });

  it('gives up with a sentence when the run never ends', async () => {
    const silent = fakeService({ ok: true, value: { runId: 'r1' } }, [], []);
    await expect(runThroughService(silent.service, input, { limitMs: 20 })).rejects.toThrow(/the run did not end within/);
  });
});
