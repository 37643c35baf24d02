/**
 * The hybrid pipeline: threads for I/O and a process pool for the CPU, or the seeds' own
 * recommendation, asyncio with a process pool. Steps are its modes; `asyncio` here is an event
 * loop handing each computation to the pool (run_in_executor).
 */
import type { Experiment, Mode, Prediction } from '../../shared/experiments';

/** The prediction's answers, typed so the scoring compares ids, never labels. */
export type HybridAnswer = Extract<Mode, 'threads' | 'processes' | 'hybrid' | 'asyncio'>;

/** How each step is labelled: its mode, but asyncio says it has a pool. */
export const STEP_LABEL: Readonly<Partial<Record<Mode, string>>> = { asyncio: 'asyncio + process pool' };

/** Items per I/O thread (the real-CPython harness's ITEMS_PER_THREAD says the same). */
export const ITEMS_PER_THREAD = 4;
/** Each item's fetch and store against its computation (one pipeline for every lesson that runs it). */
export { PIPELINE } from '../common/pipeline';

export const ANSWERS: readonly Prediction<HybridAnswer>[] = [
  { answer: 'threads', label: 'threads', value: 1 },
  { answer: 'processes', label: 'processes', value: 2 },
  { answer: 'hybrid', label: 'the hybrid', value: 3 },
  { answer: 'asyncio', label: 'asyncio + pool', value: 4 },
];

export const lesson: Experiment = {
  id: 'hybrid',
  short: 'Hybrid pipeline',
  modeTitles: { asyncio: 'asyncio + pool' },
  title: 'Hybrid pipeline',
  question: 'Fetch, compute, store: threads, processes, or both?',
  explanation:
    'Each item is fetched (I/O), processed (CPU), then stored (I/O). Threads overlap the I/O but ' +
    'queue for the GIL to compute; a few processes compute in parallel but can only wait on as ' +
    'many fetches as there are processes. The hybrid keeps the I/O on threads and hands each ' +
    'computation to a process pool, waiting on the future with the GIL released. asyncio with a ' +
    'ProcessPoolExecutor does the same from one event loop: every item is a coroutine that awaits ' +
    'its fetch, awaits loop.run_in_executor(pool, …) for its computation, then awaits its store.',
  python: [
    'from concurrent.futures import (',
    '    ThreadPoolExecutor, ProcessPoolExecutor)',
    '',
    'cpu = ProcessPoolExecutor()',
    '',
    'def handle(url: str) -> None:',
    '    page = download(url)                  # I/O',
    '    data = cpu.submit(parse, page).result()',
    '    save(data)                            # I/O',
    '',
    'with ThreadPoolExecutor(8) as io:',
    '    list(io.map(handle, urls))',
    '',
    '# or one event loop, the same process pool:',
    'async def handle_async(url: str) -> None:',
    '    loop = asyncio.get_running_loop()',
    '    page = await fetch(url)               # I/O',
    '    data = await loop.run_in_executor(cpu, parse, page)',
    '    await save(data)                      # I/O',
    '',
    'await asyncio.gather(*map(handle_async, urls))',
  ].join('\n'),
  task: 'mixed',
  modes: ['sequential', 'threads', 'processes', 'hybrid', 'asyncio'],
  modesSelectable: true,
  defaults: { workers: 4, seconds: 0.1, switchMs: 5 },
  controls: { workers: 'I/O threads', seconds: 'CPU seconds per item', switchMs: 'Switch interval' },
  chart: 'speedup',
  cores: 'parallel',
  metrics: [{ key: 'items', label: 'items', digits: 0 }],
  prompt: 'Which will finish first?',
  predictions: ANSWERS,
};
