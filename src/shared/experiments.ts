/**
 * The experiment catalogue: what each lesson asks, which modes it runs and its defaults. Pure
 * data, shared by the engine (what to run), the CLI (`lab list`) and the renderer (the lessons).
 */

/** How a mode runs its workers. */
export const MODES = ['sequential', 'threads', 'processes'] as const;
export type Mode = (typeof MODES)[number];

/** What one task does. */
export const TASK_KINDS = ['cpu', 'io'] as const;
export type TaskKind = (typeof TASK_KINDS)[number];

export interface Experiment {
  id: string;
  title: string;
  /** The one-line question in the lesson list. */
  question: string;
  /** A short explanation shown before the run. */
  explanation: string;
  /** Equivalent Python of what the lab simulates. */
  python: string;
  task: TaskKind;
  modes: readonly Mode[];
  defaults: { workers: number; seconds: number; switchMs: number };
  /** Choices offered by the "predict" prompt, as speedups of the threaded run. */
  predictions: readonly number[];
}

export const EXPERIMENTS: readonly Experiment[] = [
  {
    id: 'cpu-bound',
    title: 'CPU-bound: threads vs processes',
    question: 'Do 4 threads finish CPU work 4x faster?',
    explanation:
      'Each worker adds up squares in a tight loop, the kind of pure-Python work that never waits. ' +
      'Threads share one interpreter and therefore one GIL: only the holder runs, the others sleep ' +
      'until it is handed over every switch interval. Processes each start their own interpreter ' +
      'with a GIL of their own, so they can use every core.',
    python: [
      'import threading, multiprocessing, time',
      '',
      'def crunch(n: int) -> int:',
      '    return sum(i * i for i in range(n))',
      '',
      'N = 30_000_000  # calibrated so one call takes ~1 s here',
      '',
      'start = time.perf_counter()',
      'for _ in range(4):',
      '    crunch(N)                                   # sequential',
      '',
      'workers = [threading.Thread(target=crunch, args=(N,)) for _ in range(4)]',
      'for w in workers: w.start()',
      'for w in workers: w.join()                      # threads: one GIL',
      '',
      'with multiprocessing.Pool(4) as pool:',
      '    pool.map(crunch, [N] * 4)                   # processes: a GIL each',
    ].join('\n'),
    task: 'cpu',
    modes: ['sequential', 'threads', 'processes'],
    defaults: { workers: 4, seconds: 1, switchMs: 5 },
    predictions: [1, 2, 4],
  },
  {
    id: 'io-bound',
    title: 'I/O-bound threads do scale',
    question: 'Can 4 threads that wait on I/O finish in the time of one?',
    explanation:
      'Each worker does a little Python work, then blocks on I/O the way a network call or ' +
      'time.sleep() does. CPython releases the GIL around a blocking call, so while one thread ' +
      'waits another can run: the waits overlap even though only one thread holds the lock at a time.',
    python: [
      'import threading, time',
      '',
      'def fetch(delay: float) -> None:',
      '    time.sleep(delay)          # blocking call: the GIL is released',
      '',
      'start = time.perf_counter()',
      'for _ in range(4):',
      '    fetch(1.0)                 # sequential: ~4 s',
      '',
      'workers = [threading.Thread(target=fetch, args=(1.0,)) for _ in range(4)]',
      'for w in workers: w.start()',
      'for w in workers: w.join()    # threads: ~1 s',
    ].join('\n'),
    task: 'io',
    modes: ['sequential', 'threads'],
    defaults: { workers: 4, seconds: 1, switchMs: 5 },
    predictions: [1, 2, 4],
  },
];

/** The experiment with this id, or undefined. */
export function findExperiment(id: string): Experiment | undefined {
  return EXPERIMENTS.find((e) => e.id === id);
}

export const EXPERIMENT_IDS = EXPERIMENTS.map((e) => e.id);
