/** Lessons on the ways around the GIL, what each costs, and how to choose. */
import type { Experiment } from '../experiments';

const speedupChoices = [
  { label: 'about 1x', value: 1 },
  { label: 'about 2x', value: 2 },
  { label: 'about 4x', value: 4 },
];

export const nativeRelease: Experiment = {
  id: 'native-release',
  short: 'Native code',
  title: 'C extensions release the GIL',
  question: 'Why do NumPy threads scale when Python threads do not?',
  explanation:
    'The same sum of squares, now as "native" code that releases the GIL around its hot loop ' +
    '(Py_BEGIN_ALLOW_THREADS), as NumPy, hashlib or zlib do for large inputs. The threads take ' +
    'the GIL only to enter and leave the call, and the loops run on every core at once.',
  python: [
    'import hashlib, threading',
    '',
    'data = bytes(200_000_000)',
    '',
    'def digest() -> None:',
    '    # C code; the GIL is released inside',
    '    hashlib.sha256(data).hexdigest()',
    '',
    'ts = [threading.Thread(target=digest)',
    '      for _ in range(4)]',
    'for t in ts: t.start()',
    'for t in ts: t.join()',
  ].join('\n'),
  task: 'cpu',
  modes: ['sequential', 'threads', 'native'],
  modesSelectable: true,
  defaults: { workers: 4, seconds: 1, switchMs: 5 },
  controls: { workers: 'Threads', seconds: 'Task seconds', switchMs: 'Switch interval' },
  chart: 'speedup',
  metrics: [],
  prompt: 'With the GIL released, 4 threads will be…',
  predictions: speedupChoices,
  predicted: { step: 'native', figure: 'speedup' },
};

export const freeThreaded: Experiment = {
  id: 'free-threaded',
  short: 'Free-threading',
  title: 'Free-threaded Python (3.13t, 3.14t)',
  question: 'What if the interpreter has no GIL at all?',
  explanation:
    'The free-threaded build switches the GIL off. Reference counts are then made safe another ' +
    'way: biased reference counting, cheap for the owning thread, atomic for the others. Threads ' +
    'now scale like processes, without a process each. The price is a slower single thread: the ' +
    'lab measures its model of that cost by running one thread without the GIL against one with it.',
  python: [
    '# python3.14t (free-threaded build)',
    'import sys, threading',
    '',
    'print(sys._is_gil_enabled())   # False',
    '',
    'ts = [threading.Thread(target=crunch, args=(N,))',
    '      for _ in range(4)]',
    'for t in ts: t.start()',
    'for t in ts: t.join()   # on every core',
  ].join('\n'),
  task: 'cpu',
  modes: ['sequential', 'threads', 'free-threaded'],
  modesSelectable: true,
  defaults: { workers: 4, seconds: 1, switchMs: 5 },
  controls: { workers: 'Threads', seconds: 'Task seconds', switchMs: 'Switch interval' },
  chart: 'speedup',
  metrics: [{ key: 'singleThreadCostPct', label: '1-thread cost', unit: '%', digits: 0 }],
  prompt: 'Without a GIL, 4 threads will be…',
  predictions: speedupChoices,
  predicted: { step: 'free-threaded', figure: 'speedup' },
};

export const processCost: Experiment = {
  id: 'process-cost',
  short: 'Price of a process',
  title: 'The price of a process',
  question: 'If processes use every core, why not always use them?',
  explanation:
    'A process is a whole interpreter: it takes time to start and memory to keep, and everything ' +
    'sent to it is serialised on the way in and out, as pickle does. The lab starts threads and ' +
    'processes and times them, sends 1 MB to each and back, then runs thousands of tiny tasks ' +
    'three ways: in sequence, one message per task to a process pool, and in batches.',
  python: [
    'from multiprocessing import Pool',
    '',
    'def tiny(x: int) -> int:',
    '    return x * x',
    '',
    'items = range(20_000)',
    'sum(map(tiny, items))           # sequential',
    '',
    'with Pool(4) as pool:',
    '    pool.map(tiny, items, chunksize=1)  # a pickle',
    '                                        # per item',
    '    pool.map(tiny, items,',
    '             chunksize=5_000)   # batched',
  ].join('\n'),
  task: 'cpu',
  modes: ['sequential', 'threads', 'processes'],
  modesSelectable: false,
  defaults: { workers: 4, seconds: 0.2, switchMs: 5 },
  controls: { workers: 'Pool size', seconds: 'Tiny-task total seconds' },
  chart: 'costs',
  metrics: [
    { key: 'startupMs', label: 'start-up', unit: 'ms', digits: 1 },
    { key: 'memoryMB', label: 'memory', unit: 'MB', digits: 0 },
    { key: 'bytes', label: 'bytes sent', digits: 0 },
    { key: 'roundTripMs', label: 'round trip', unit: 'ms', digits: 1 },
  ],
  prompt: 'Sent one message per task, a process pool will be…',
  predictions: [
    { label: 'slower than sequential', value: 0.5 },
    { label: 'about the same', value: 1 },
    { label: 'faster', value: 2 },
  ],
  predicted: { step: 'tiny tasks, one message each', figure: 'speedup' },
};

export const asyncio: Experiment = {
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
  metrics: [{ key: 'stallMs', label: 'loop stalled', unit: 'ms', digits: 0 }],
  prompt: 'Ten half-second waits on one event loop take…',
  predictions: [
    { label: '5 s', value: 1 },
    { label: '2.5 s', value: 2 },
    { label: 'about 0.5 s', value: 10 },
  ],
  predicted: { step: 'waits on one event loop', figure: 'speedup' },
};

export const hybrid: Experiment = {
  id: 'hybrid',
  short: 'Hybrid pipeline',
  title: 'Hybrid pipeline',
  question: 'Fetch, compute, store: threads, processes, or both?',
  explanation:
    'Each item is fetched (I/O), processed (CPU), then stored (I/O). Threads overlap the I/O but ' +
    'queue for the GIL to compute; a few processes compute in parallel but can only wait on as ' +
    'many fetches as there are processes. The hybrid keeps the I/O on threads and hands each ' +
    'computation to a process pool, waiting on the future with the GIL released.',
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
  ].join('\n'),
  task: 'mixed',
  modes: ['sequential', 'threads', 'processes', 'hybrid'],
  modesSelectable: true,
  defaults: { workers: 4, seconds: 0.1, switchMs: 5 },
  controls: { workers: 'I/O threads', seconds: 'CPU seconds per item', switchMs: 'Switch interval' },
  chart: 'speedup',
  metrics: [{ key: 'items', label: 'items', digits: 0 }],
  prompt: 'Which will finish first?',
  predictions: [
    { label: 'threads', value: 1 },
    { label: 'processes', value: 2 },
    { label: 'the hybrid', value: 3 },
  ],
  predicted: { step: 'hybrid', figure: 'metric', key: 'rank' },
};

export const strategy: Experiment = {
  id: 'strategy',
  short: 'Choose a strategy',
  title: 'Choose a strategy',
  question: 'Which tool for which workload, on this machine?',
  explanation:
    'The decision table, filled with speedups measured on this machine: from the lessons already ' +
    'run in this session, or from a quick run of each when none exists. CPU-bound pure Python wants ' +
    'processes (or native code, or a free-threaded build); I/O-bound work wants threads or asyncio; ' +
    'a pipeline wants both.',
  python: [
    'def choose(workload: str) -> str:',
    '    return {',
    "        'cpu': 'ProcessPoolExecutor',",
    "        'native': 'threads (the C code drops the GIL)',",
    "        'io': 'threads or asyncio',",
    "        'hybrid': 'threads + a process pool',",
    '    }[workload]',
  ].join('\n'),
  task: 'mixed',
  modes: ['threads', 'processes', 'asyncio', 'native', 'hybrid'],
  modesSelectable: false,
  defaults: { workers: 4, seconds: 0.3, switchMs: 5 },
  controls: { workers: 'Workers for quick runs', seconds: 'Seconds for quick runs' },
  chart: 'strategy',
  metrics: [{ key: 'best', label: 'best for workload', digits: 0 }],
  prompt: 'For CPU-bound pure Python, the best tool here is…',
  predictions: [
    { label: 'threads', value: 1 },
    { label: 'processes', value: 2 },
    { label: 'asyncio', value: 3 },
  ],
  predicted: { step: 'CPU-bound', figure: 'metric', key: 'bestCode' },
};
