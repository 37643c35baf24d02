/** Deadlock between the GIL and an ordinary mutex, and its fix. */
import type { Experiment, Prediction } from '../../shared/experiments';
import type { Findings } from '../../shared/results';

/** The steps, by id, with the label each shows. */
export const STEPS = {
  stuck: 'callback deadlock',
  fixed: 'GIL released around the lock',
} as const;
export type DeadlockStep = keyof typeof STEPS;

/** The prediction's answers, typed so the scoring compares ids, never labels. */
export type DeadlockAnswer = NonNullable<Findings['outcome']>;

export const ANSWERS: readonly Prediction<DeadlockAnswer>[] = [
  { answer: 'finished', label: 'finish', value: 0 },
  { answer: 'finished slowly', label: 'finish slowly', value: 1 },
  { answer: 'deadlocked', label: 'never finish', value: 2 },
];

export const lesson: Experiment = {
  id: 'deadlock',
  short: 'Deadlock',
  title: 'Deadlock: a lock and the GIL',
  question: 'Can the GIL and one ordinary mutex lock each other up?',
  explanation:
    'A C++ callback takes its own mutex, then calls into Python, which needs the GIL. Meanwhile ' +
    'the main thread holds the GIL and calls C++ code that needs that same mutex, without ' +
    'releasing the GIL first. Each waits for what the other holds. The lab watches who holds and ' +
    'who waits for every lock, finds the cycle, and stops the workers. The second step applies the ' +
    'fix: release the GIL around the blocking call.',
  python: [
    '// C++ extension, called from a worker thread',
    'void my_callback(Context &ctx) {',
    '    std::lock_guard<std::mutex> lock(ctx.mutex);',
    '    PyGILState_STATE s = PyGILState_Ensure();',
    '    run_python(ctx);        // needs the GIL',
    '    PyGILState_Release(s);',
    '}',
    '',
    '// called from Python, holding the GIL',
    'void compute(Context &ctx) {',
    '    Py_BEGIN_ALLOW_THREADS  // the fix',
    '    std::lock_guard<std::mutex> lock(ctx.mutex);',
    '    Py_END_ALLOW_THREADS',
    '}',
  ].join('\n'),
  task: 'mixed',
  modes: ['threads'],
  modesSelectable: false,
  defaults: { workers: 2, seconds: 0.5, switchMs: 5 },
  controls: { switchMs: 'Switch interval' },
  chart: 'deadlock',
  cores: 'none',
  showsLocks: true,
  metrics: [{ key: 'detectedAfterMs', label: 'detected after', unit: 'ms', digits: 0 }],
  prompt: 'Without the fix, the two threads will…',
  predictions: ANSWERS,
};
