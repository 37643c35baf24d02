/**
 * The seeds' callback deadlock, and its fix. While the step runs, a watchdog reads who holds and
 * who waits for each lock from shared memory, builds the wait-for graph and stops the step once
 * the same cycle has been seen for CONFIRM polls in a row.
 */
import { GIL, RESOURCE, RESOURCE_NAMES, slotIndex, SLOT } from '../../shared/gil-layout';
import { namedSteps, threads, type Program, type Watchdog } from '../../engine/program-api';
import { STEPS as LABELS } from './lesson';

const STEPS = [
  { id: 'stuck', releaseGilFirst: false },
  { id: 'fixed', releaseGilFirst: true },
] as const;
const NAMES = ['main thread', 'callback thread'];
/** Polls (100 ms apart) a cycle must survive before it is called a deadlock, not a passing wait. */
const CONFIRM = 3;
/** How long the callback holds MyMutex before it asks for the GIL. */
const HOLD_MS = 200;

/** Who holds `resource` right now, or -1. */
function holderOf(words: Int32Array, resource: number, workers: number): number {
  if (resource === RESOURCE.MUTEX) return Atomics.load(words, GIL.MUTEX) - 1;
  for (let w = 0; w < workers; w++) if ((Atomics.load(words, slotIndex(w, SLOT.HOLDS)) & resource) !== 0) return w;
  return -1;
}

/** A cycle in the wait-for graph (worker -> holder of what it waits for), as sentences. */
export function findCycle(words: Int32Array, workers: number, names: readonly string[]): string[] | undefined {
  for (let start = 0; start < workers; start++) {
    const path: number[] = [];
    let at = start;
    while (!path.includes(at)) {
      path.push(at);
      const wants = Atomics.load(words, slotIndex(at, SLOT.WAITS_FOR));
      if (wants === 0) break;
      const next = holderOf(words, wants, workers);
      if (next < 0 || next === at) break;
      at = next;
    }
    const from = path.indexOf(at);
    if (from >= 0 && path.length > 1 && Atomics.load(words, slotIndex(at, SLOT.WAITS_FOR)) !== 0 && from < path.length - 1) {
      const cycle = path.slice(from);
      return cycle.map((w, i) => {
        const wants = Atomics.load(words, slotIndex(w, SLOT.WAITS_FOR));
        const holds = Atomics.load(words, slotIndex(w, SLOT.HOLDS)) | (Atomics.load(words, GIL.MUTEX) - 1 === w ? RESOURCE.MUTEX : 0);
        const next = cycle[(i + 1) % cycle.length] as number;
        const held = [RESOURCE.GIL, RESOURCE.MUTEX].filter((r) => (holds & r) !== 0).map((r) => RESOURCE_NAMES[r]);
        return `${names[w]} holds ${held.join(' and ') || 'nothing'} and waits for ${RESOURCE_NAMES[wants]}, held by ${names[next]}`;
      });
    }
  }
  return undefined;
}

/** Stops the step once a cycle has lasted CONFIRM polls, and keeps that cycle for the result. */
export function deadlockWatchdog(workers: number, names: readonly string[]): { watchdog: Watchdog; found: () => string[] | undefined } {
  let seen = 0;
  let found: string[] | undefined;
  const watchdog: Watchdog = (words) => {
    const cycle = findCycle(words, workers, names);
    seen = cycle ? seen + 1 : 0;
    if (cycle && seen >= CONFIRM) found = cycle;
    return found !== undefined;
  };
  return { watchdog, found: () => found };
}

export const deadlockProgram: Program = {
  steps: () => namedSteps(LABELS, STEPS.map((s) => s.id)),
  run: async (ctx) => {
    for (const step of STEPS) {
      const watch = deadlockWatchdog(2, NAMES);
      const { result, outcome } = await ctx.step({
        step: { id: step.id, label: LABELS[step.id] },
        mode: 'threads',
        workers: threads(2, (i) => [{ kind: 'deadlock', role: i === 0 ? 'python' : 'callback', releaseGilFirst: step.releaseGilFirst, holdMs: HOLD_MS }]),
        workerLabels: NAMES,
        watchdog: watch.watchdog,
      });
      const cycle = outcome.stopped ? watch.found() : undefined;
      const stuck = cycle !== undefined;
      ctx.finish({
        ...result,
        metrics: { detectedAfterMs: stuck ? result.wallMs : null },
        findings: { outcome: stuck ? 'deadlocked' : 'finished' },
        ...(cycle ? { cycle } : {}),
      });
    }
  },
};
