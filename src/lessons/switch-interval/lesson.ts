/** Turn-taking and the switch interval: steps are intervals. */
import type { Experiment, Prediction } from '../../shared/experiments';

/** One step per switch interval: "interval-5" shown as "5 ms interval". */
export type SwitchIntervalStep = `interval-${number}`;
export const intervalStep = (ms: number): { id: SwitchIntervalStep; label: string } => ({ id: `interval-${ms}`, label: `${ms} ms interval` });

/** The prediction's answers, typed so the scoring compares ids, never labels. */
export type SwitchIntervalAnswer = '5ms' | '20ms' | 'until-done';

export const ANSWERS: readonly Prediction<SwitchIntervalAnswer>[] = [
  { answer: '5ms', label: '5 ms', value: 5 },
  { answer: '20ms', label: '20 ms', value: 20 },
  { answer: 'until-done', label: 'until done', value: 1000 },
];

export const lesson: Experiment = {
  id: 'switch-interval',
  short: 'Switch interval',
  title: 'Turn-taking and the switch interval',
  question: 'How long does a thread keep the GIL before it must hand it over?',
  explanation:
    'A thread that wants the GIL waits the switch interval (sys.setswitchinterval, 5 ms by ' +
    'default), then asks the holder to drop it; the holder obliges at its next check between ' +
    'bytecodes. The interval is an ideal, not a promise: a long C call makes no such check, and ' +
    'which thread runs next is the OS\'s choice, so a hold can outlast it. The same CPU-bound ' +
    'threads run at a short, the chosen and a long interval: watch ' +
    'how long each hold lasts, how many switches happen per second, and how long a waiting ' +
    'thread waits.',
  python: [
    'import sys, threading',
    '',
    'for interval in (0.001, 0.005, 0.020):',
    '    sys.setswitchinterval(interval)',
    '    ts = [threading.Thread(target=crunch,',
    '                           args=(N,))',
    '          for _ in range(4)]',
    '    for t in ts: t.start()',
    '    for t in ts: t.join()',
  ].join('\n'),
  task: 'cpu',
  modes: ['threads'],
  modesSelectable: false,
  defaults: { workers: 4, seconds: 0.5, switchMs: 5 },
  controls: { workers: 'Threads', seconds: 'Task seconds', switchMs: 'Middle interval' },
  chart: 'interval',
  cores: 'none',
  metrics: [
    { key: 'intervalMs', label: 'interval', unit: 'ms', digits: 1 },
    { key: 'medianHoldMs', label: 'median hold', unit: 'ms', digits: 2 },
    { key: 'switchesPerSecond', label: 'switches/s', digits: 0 },
    { key: 'medianWaitMs', label: 'median wait', unit: 'ms', digits: 1 },
  ],
  prompt: 'At a 20 ms interval, a thread will hold the GIL for about…',
  predictions: ANSWERS,
};
