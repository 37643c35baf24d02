/**
 * `npm run lab`: the headless CLI, for instructors checking a laptop before a workshop, for
 * benchmarks and for tests. Same engine as the app, no UI.
 */
import { availableParallelism } from 'node:os';
import { coreAdvice } from '../../shared/core-advice';
import { EXPERIMENTS, explainRun, findExperiment } from '../../lessons/catalogue';
import { LAB_LESSONS } from '../../lessons/programs';
import { builtEntries } from '../../engine/entries';
import { killAllChildren } from '../../engine/children';
import { LabError, RunCancelled } from '../../engine/errors';
import { Lab } from '../../engine/lab';
import { CpythonEngine, describePythons } from '../../engine/cpython/cpython-engine';
import { pythonLabel, realLessonRefusal } from '../../shared/python-schemas';
import type { ModeResult } from '../../shared/results';
import { parseCommand, USAGE, UsageError } from './args';
import { exitCodeFor, stopOnSignals } from './signals';
import { formatTable, resultsTable } from './table';

// A closed terminal (SIGHUP) must not turn a clean stop into a crash on the next message.
process.stdout.on('error', () => undefined);
process.stderr.on('error', () => undefined);

async function main(argv: string[]): Promise<number> {
  const cores = availableParallelism();
  const command = parseCommand(argv, cores);
  if (command.kind === 'help') {
    process.stdout.write(USAGE + '\n');
    return 0;
  }
  if (command.kind === 'list') {
    if (command.json) {
      process.stdout.write(JSON.stringify(EXPERIMENTS.map(({ id, title, question, modes }) => ({ id, title, question, modes }))) + '\n');
    } else {
      process.stdout.write(formatTable(['id', 'question', 'modes'], EXPERIMENTS.map((e) => [e.id, e.question, e.modes.join(', ')])) + '\n');
    }
    return 0;
  }
  const cpython = new CpythonEngine(__dirname, cores);
  if (command.kind === 'pythons') {
    const list = await cpython.listPythons();
    process.stdout.write((command.json ? JSON.stringify(list) : describePythons(list)) + '\n');
    return 0;
  }
  // Chosen (and probed) before anything runs, so a path that is not CPython is refused at once.
  const python = command.engine === 'lab' ? undefined : await cpython.choose(command.python);

  const lab = new Lab({ entries: builtEntries(__dirname), lessons: LAB_LESSONS, cores });
  const abort = new AbortController();
  const stopping = stopOnSignals({ cancel: () => (abort.abort(), lab.cancel()) });
  if (!command.json) {
    lab.onEvent((event) => {
      if (event.type === 'calibrating') process.stderr.write('calibrating the task size on this machine…\n');
      if (event.type === 'mode-started') process.stderr.write(`running ${event.step}…\n`);
    });
  }
  const lesson = findExperiment(command.request.experiment);
  const advice = lesson ? coreAdvice(lesson, cores) : null;
  if (advice && !command.json) process.stderr.write(`note: ${advice}\n`);
  try {
    const simulated = command.engine === 'cpython' ? [] : (await lab.startRun(command.request).done).map((r): ModeResult => ({ ...r, engine: 'lab' }));
    // A lesson this interpreter cannot run: said in one sentence; with both engines the simulation's results stand alone.
    const refusal = python && lesson ? realLessonRefusal(lesson, python) : null;
    if (refusal && command.engine === 'cpython') throw new LabError(refusal);
    if (refusal) process.stderr.write(`note: ${refusal}\n`);
    const runReal = python && lesson && !refusal;
    if (runReal) process.stderr.write(`running the lesson's own Python code on ${pythonLabel(python)} (${python.executable})…\n`);
    const real = runReal ? await cpython.run(lesson, command.request, python, abort.signal, (e) => !command.json && e.type === 'cpython-step-started' && process.stderr.write(`running ${e.step} on CPython…\n`)) : [];
    const results = [...simulated, ...real];
    if (command.json) {
      process.stdout.write(JSON.stringify({ experiment: command.request.experiment, cores, advice, request: command.request, runs: results }) + '\n');
    } else {
      const { experiment, workers, seconds, switchMs } = command.request;
      process.stdout.write(`${experiment}: ${workers} worker(s), ${seconds} s tasks, ${switchMs} ms switch interval, ${cores} cores\n\n`);
      if (lesson && real.length > 0 && python) {
        process.stdout.write(`${pythonLabel(python)}, ${python.executable}: who ran when, from each thread's own clock\n${resultsTable(lesson, real)}\n\n`);
      }
      if (lesson && simulated.length > 0) {
        process.stdout.write(`${real.length > 0 ? 'simulation\n' : ''}${resultsTable(lesson, simulated)}\n`);
        const sentences = explainRun(lesson, simulated, cores);
        if (sentences.length > 0) process.stdout.write(`\n${sentences.join('\n')}\n`);
      }
      for (const result of results) if (result.cycle) process.stdout.write(`\ndeadlock found in "${result.step}":\n  ${result.cycle.join('\n  ')}\n`);
    }
    return 0;
  } catch (error) {
    if (error instanceof RunCancelled) {
      process.stderr.write('gil-lab: the run was cancelled; every worker has been stopped.\n');
      return exitCodeFor(stopping.signal ?? 'SIGINT');
    }
    throw error;
  } finally {
    await lab.dispose();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    killAllChildren();
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`gil-lab: ${message}${error instanceof UsageError ? '\n(see: npm run --silent lab -- help)' : ''}\n`);
    process.exit(2);
  },
);
