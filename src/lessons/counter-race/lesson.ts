/** The GIL does not make `counter += 1` safe: a Python-level read-modify-write loses updates under it. */
import type { Experiment, Prediction } from '../../shared/experiments';
import type { Findings } from '../../shared/results';
import type { LockPrice } from '../../shared/worker-protocol';

/** The steps, by id, with the label each shows. */
export const STEPS = {
  gil: 'under the GIL, no lock',
  lock: 'with a threading.Lock',
} as const;
export type CounterRaceStep = keyof typeof STEPS;

/**
 * What CPython's threading.Lock costs beyond the lab's own Atomics lock, in increments of this
 * lesson's loop (the unlocked read, call and write): the lesson's figure is the locked step's time
 * over the unlocked one's, so the price is sized by the increment it is set against, on any machine.
 * `lock` is paid on every acquire and release: the bytecodes and C calls of `with lock:`. `wake` is
 * paid on every release made while another thread is blocked on the lock: CPython 3.11's lock is a
 * POSIX semaphore, and sem_post makes a FUTEX_WAKE system call whenever a waiter is registered; the
 * woken thread mostly finds the lock taken again, and when it wins it, the GIL changes hands with it.
 *
 * Source: bench/python/lock_cost.py, the lesson's own loops through the harness on CPython 3.11.7,
 * this 2-core Linux VM, 500 000 increments a thread. One thread alone: `with lock:` makes an
 * increment 2.2-3.8x as long (median of five runs 3.2x: 2.2 increments more). Two threads, a core
 * free for each: 10-17x (perf: 0.8 FUTEX_WAKE calls per increment, 60 % of the CPU in the kernel);
 * the other thread blocked in acquire() on 93 % of releases, so 10-12 increments more per such
 * release. The lab's lock already costs Node about one increment alone and nothing measurable to
 * wake a waiter (these set to 0); these are the rest. (3.10: 2.4-2.6x alone, 8-9x two threads; 3.12:
 * 3.3-3.6x, 13.5x; 3.13: 2.9-3.3x, 10.5-13.6x. When the blocked thread's core is taken by another
 * program it is not woken in time, one thread runs all its increments in a row, and CPython's
 * two-thread figure falls to 3-5x.) A paid increment (counter.ts payIncrements, a bare loop) costs V8
 * 0.4-0.7 of a counted one, so the lab pays somewhat less than these say; with them its lock step read
 * 7.9-13.5x its GIL step against CPython's 11.6-19.4x in the same five rounds (lab / CPython median 0.84).
 */
export const LOCK_PRICE: LockPrice = { lock: 1.3, wake: 11 };

/** The prediction's answers, typed so the scoring compares ids, never labels. */
export type CounterRaceAnswer = NonNullable<Findings['lost']>;

export const ANSWERS: readonly Prediction<CounterRaceAnswer>[] = [
  { answer: 'none', label: 'none: the GIL protects it', value: 0 },
  { answer: 'a few', label: 'a few', value: 1 },
  { answer: 'many', label: 'many', value: 2 },
];

export const lesson: Experiment = {
  id: 'counter-race',
  short: 'counter += 1',
  title: 'The GIL does not make counter += 1 safe',
  question: 'Under the GIL, can two threads lose a counter update?',
  explanation:
    'The GIL keeps the interpreter whole: reference counts, lists, dicts. It does not keep your own ' +
    'invariants. Here each thread reads a shared counter, adds one in a call, and writes it back. ' +
    'A call is where CPython checks for a switch request, so a switch can land between the read ' +
    'and the write: the thread switched out there later writes back a stale value, and every ' +
    'increment made meanwhile is gone, GIL or not. The loop\'s jump back is a check too, where a switch ' +
    'costs nothing; as in CPython 3.11 to 3.13, about a third of the switches land in the gap, ' +
    'so with two threads about a quarter of the increments are lost. The second step puts each read-modify-write inside a ' +
    'threading.Lock: a thread that finds it taken waits, and the count is exact. Safety has a price, ' +
    "and the lab charges CPython's, measured with CPython 3.11 on Linux: every increment takes and releases " +
    `the lock (${LOCK_PRICE.lock} increments' worth of work more than the lab's own lock), and while the other ` +
    'thread is blocked on it every release wakes it, a system call in CPython that the woken thread mostly ' +
    `wastes, finding the lock taken again (${LOCK_PRICE.wake} increments' worth more).`,
  python: [
    'import threading',
    '',
    'counter = 0',
    'lock = threading.Lock()',
    '',
    'def bump(value):',
    '    return value + 1   # a call: a switch can land here',
    '',
    'def count_up(times):',
    '    global counter',
    '    for _ in range(times):',
    '        seen = counter            # read',
    '        counter = bump(seen)      # write back',
    '',
    'def count_up_locked(times):',
    '    global counter',
    '    for _ in range(times):',
    '        with lock:                # the fix',
    '            seen = counter',
    '            counter = bump(seen)',
  ].join('\n'),
  task: 'cpu',
  modes: ['threads'],
  modesSelectable: false,
  defaults: { workers: 2, seconds: 2, switchMs: 5 },
  controls: { workers: 'Threads', seconds: 'Millions of increments each', switchMs: 'Switch interval' },
  chart: 'counts',
  cores: 'none',
  metrics: [
    { key: 'expected', label: 'expected', digits: 0 },
    { key: 'actual', label: 'counted', digits: 0 },
    { key: 'lost', label: 'lost', digits: 0 },
  ],
  prompt: 'Under the GIL, with no lock of your own, how many increments will be lost?',
  predictions: ANSWERS,
};
