/** The convoy effect: an I/O thread beside a CPU-bound one. */
import type { Experiment, Prediction } from '../../shared/experiments';

/** The steps, by id, with the label each shows. */
export const STEPS = {
  alone: 'I/O alone',
  beside: 'I/O beside a CPU thread',
  apart: 'CPU work in a process',
} as const;
export type ConvoyStep = keyof typeof STEPS;

/** The CPU worker's work against the I/O thread's time: a little more, so it competes for the whole run. */
export const BUSY_SHARE = 1.05;

/** The prediction's answers, typed so the scoring compares ids, never labels. */
export type ConvoyAnswer = 'as-fast' | '2x' | '5x';

export const ANSWERS: readonly Prediction<ConvoyAnswer>[] = [
  { answer: 'as-fast', label: 'as fast', value: 1 },
  { answer: '2x', label: 'about 2x slower', value: 2 },
  { answer: '5x', label: '5x slower or worse', value: 5 },
];

export const lesson: Experiment = {
  id: 'convoy',
  short: 'Convoy effect',
  title: 'The convoy effect',
  question: 'Does one busy thread slow down a thread that only does I/O?',
  explanation:
    'An I/O thread answers requests: a short wait on the network, then a little Python to handle ' +
    'the reply. Alone, it answers as fast as the I/O allows. Beside one CPU-bound thread, every ' +
    'return from I/O must wait for the GIL, which the busy thread gives up only when asked after ' +
    'a full switch interval: each response now carries that interval. Move the CPU work to a ' +
    'process and the I/O thread has its interpreter to itself again.',
  python: [
    'import threading, time',
    '',
    'def serve(until: float) -> None:',
    '    while time.monotonic() < until:',
    '        t0 = time.perf_counter()',
    '        sock.recv(1024)    # GIL released',
    '        handle()           # needs the GIL back',
    '        latency(time.perf_counter() - t0)',
    '',
    'busy = threading.Thread(target=crunch, args=(N,))',
    'busy.start()              # or: a Process',
    'serve(time.monotonic() + 1.0)',
  ].join('\n'),
  task: 'mixed',
  modes: ['threads', 'processes'],
  modesSelectable: false,
  defaults: { workers: 1, seconds: 1, switchMs: 5 },
  controls: { seconds: 'Run seconds', switchMs: 'Switch interval' },
  chart: 'latency',
  cores: 'none',
  metrics: [
    { key: 'medianLatencyMs', label: 'median response', unit: 'ms', digits: 2 },
    { key: 'p95LatencyMs', label: '95th pct', unit: 'ms', digits: 2 },
    { key: 'requests', label: 'requests', digits: 0 },
    { key: 'slowdown', label: 'vs alone', unit: 'x', digits: 1 },
  ],
  prompt: 'Beside a CPU-bound thread, the I/O thread responds…',
  predictions: ANSWERS,
};
