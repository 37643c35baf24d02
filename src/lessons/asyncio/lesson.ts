/** asyncio: one thread, many waits. */
import type { Experiment, Prediction } from '../../shared/experiments';

/** The steps, by id, with the label each shows. */
export const STEPS = {
  'waits-in-turn': 'waits one after another',
  'waits-on-loop': 'waits on one event loop',
  'cpu-in-turn': 'CPU one after another',
  'cpu-on-loop': 'CPU as coroutines',
} as const;
export type AsyncioStep = keyof typeof STEPS;

/** CPU coroutines: enough to show the stall, few enough to keep the lesson short. */
export const CPU_TASKS = 4;

/** The prediction's answers, typed so the scoring compares ids, never labels. */
export type AsyncioAnswer = '5s' | '2.5s' | '0.5s';

export const ANSWERS: readonly Prediction<AsyncioAnswer>[] = [
  { answer: '5s', label: '5 s', value: 1 },
  { answer: '2.5s', label: '2.5 s', value: 2 },
  { answer: '0.5s', label: 'about 0.5 s', value: 10 },
];

export const lesson: Experiment = {
  id: 'asyncio',
  short: 'asyncio',
  title: 'asyncio: one thread, many waits',
  question: 'Can one thread wait on many things at once?',
  explanation:
    'An event loop runs many coroutines on one thread: while they await, the loop sits in one ' +
    'select() call with the GIL released, so all their waits overlap. CPU work is another story: ' +
    'a coroutine that computes never awaits, so it runs to the end while every other task on the ' +
    'loop stalls. The heartbeat measures that stall.',
  python: [
    'import asyncio',
    '',
    'async def fetch(delay: float) -> None:',
    '    await asyncio.sleep(delay)',
    '',
    'async def crunch_async(n: int) -> int:',
    '    return crunch(n)      # never awaits',
    '',
    'async def main() -> None:',
    '    await asyncio.gather(',
    '        *(fetch(0.5) for _ in range(10)))',
    '    await asyncio.gather(',
    '        *(crunch_async(N) for _ in range(4)))',
    '',
    'asyncio.run(main())',
  ].join('\n'),
  task: 'mixed',
  modes: ['sequential', 'asyncio'],
  modesSelectable: false,
  defaults: { workers: 10, seconds: 0.5, switchMs: 5 },
  controls: { workers: 'Concurrent waits', seconds: 'Seconds per wait or task' },
  chart: 'speedup',
  retimesBaseline: true,
  cores: 'none',
  metrics: [{ key: 'stallMs', label: 'loop stalled', unit: 'ms', digits: 0 }],
  prompt: 'Ten half-second waits on one event loop take…',
  predictions: ANSWERS,
};
