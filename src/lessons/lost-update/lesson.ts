/** Lessons on the lock itself: why it exists, how it is handed over, and how it can hurt. */
import type { Experiment } from '../experiments';

export const lostUpdate: Experiment = {
  id: 'lost-update',
  short: 'The lost update',
  title: 'Why the GIL exists: the lost update',
  question: 'If two threads bump one reference count, is anything lost?',
  explanation:
    'Every Python object carries a reference count, changed by read, add one, write back. Here ' +
    'the workers really do that on one shared counter in memory. Without a lock, two threads ' +
    'running at the same instant read the same value and both write value + 1: one increment ' +
    'vanishes, and in CPython an object would be freed while still in use. Under the GIL only ' +
    'the holder runs, so every increment lands. That safety is what the GIL costs.',
  python: [
    'import sys, threading',
    '',
    'obj = object()',
    '',
    'def borrow(times: int) -> None:',
    '    for _ in range(times):',
    '        ref = obj          # Py_INCREF(obj):',
    '        del ref            # read, add one, write',
    '',
    'ts = [threading.Thread(target=borrow,',
    '                       args=(1_000_000,))',
    '      for _ in range(2)]',
    'for t in ts: t.start()',
    'for t in ts: t.join()',
    'print(sys.getrefcount(obj))  # exact under the GIL',
  ].join('\n'),
  task: 'cpu',
  modes: ['free-threaded', 'threads'],
  modesSelectable: false,
  defaults: { workers: 2, seconds: 0.5, switchMs: 5 },
  controls: { workers: 'Threads', seconds: 'Millions of increments each' },
  chart: 'counts',
  metrics: [
    { key: 'expected', label: 'expected', digits: 0 },
    { key: 'actual', label: 'counted', digits: 0 },
    { key: 'lost', label: 'lost', digits: 0 },
  ],
  prompt: 'Without any lock, how many increments will be lost?',
  predictions: [
    { label: 'none', value: 0 },
    { label: 'a few', value: 1 },
    { label: 'many', value: 2 },
  ],
  predicted: { step: 'no lock', figure: 'metric', key: 'lostLevel' },
};

export const switchInterval: Experiment = {
  id: 'switch-interval',
  short: 'Switch interval',
  title: 'Turn-taking and the switch interval',
  question: 'How long does a thread keep the GIL before it must hand it over?',
  explanation:
    'A thread that wants the GIL waits at most the switch interval (sys.setswitchinterval, 5 ms ' +
    'by default), then asks the holder to drop it; the holder obliges at its next check between ' +
    'bytecodes. The same CPU-bound threads run at a short, the chosen and a long interval: watch ' +
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
  metrics: [
    { key: 'intervalMs', label: 'interval', unit: 'ms', digits: 1 },
    { key: 'medianHoldMs', label: 'median hold', unit: 'ms', digits: 2 },
    { key: 'switchesPerSecond', label: 'switches/s', digits: 0 },
    { key: 'medianWaitMs', label: 'median wait', unit: 'ms', digits: 1 },
  ],
  prompt: 'At a 20 ms interval, a thread will hold the GIL for about…',
  predictions: [
    { label: '5 ms', value: 5 },
    { label: '20 ms', value: 20 },
    { label: 'until done', value: 1000 },
  ],
  predicted: { step: 'threads', figure: 'metric', key: 'medianHoldMs' },
};

export const convoy: Experiment = {
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
  metrics: [
    { key: 'medianLatencyMs', label: 'median response', unit: 'ms', digits: 2 },
    { key: 'p95LatencyMs', label: '95th pct', unit: 'ms', digits: 2 },
    { key: 'requests', label: 'requests', digits: 0 },
    { key: 'slowdown', label: 'vs alone', unit: 'x', digits: 1 },
  ],
  prompt: 'Beside a CPU-bound thread, the I/O thread responds…',
  predictions: [
    { label: 'as fast', value: 1 },
    { label: 'about 2x slower', value: 2 },
    { label: '5x slower or worse', value: 5 },
  ],
  predicted: { step: 'I/O beside a CPU thread', figure: 'metric', key: 'slowdown' },
};

export const deadlock: Experiment = {
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
  metrics: [{ key: 'detectedAfterMs', label: 'detected after', unit: 'ms', digits: 0 }],
  prompt: 'Without the fix, the two threads will…',
  predictions: [
    { label: 'finish', value: 0 },
    { label: 'finish slowly', value: 1 },
    { label: 'never finish', value: 2 },
  ],
  predicted: { step: 'callback deadlock', figure: 'metric', key: 'outcome' },
};
