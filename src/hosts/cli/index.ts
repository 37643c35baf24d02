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
import { createLabService } from '../../engine/service';
import { pythonLabel, realLessonRefusal } from '../../shared/python-schemas';
import type { ModeResult, RunEvent } from '../../shared/results';
import { MAX_RUN_SECONDS } from '../../shared/run-estimate';
import { compareSentences, explainable, labResults, lessonStepLabel, pythonOf, realResults, withSpeedupAround } from '../../shared/side-by-side';
import { parseCommand, USAGE, UsageError } from './args';
import { CLI_CLIENT, runThroughService } from './service-run';
import { exitCodeFor, stopOnSignals } from './signals';
import { formatTable, resultsTable } from './table';

/**
 * Longest the CLI waits for a run: the simulation within the 10-minute cap, then the real phase
 * within its harness's own limit (cpython-run.ts), with room to spare.
 */
const RUN_LIMIT_MS = (3 * MAX_RUN_SECONDS + 120) * 1000;

/** The stderr progress lines: calibration, each simulated step, then the lesson's own code on CPython step by step. */
function progress(): (event: RunEvent) => void {
  let saidPython = false;
  return (event) => {
    if (event.type === 'calibrating') process.stderr.write('calibrating the task size on this machine…\n');
    if (event.type !== 'mode-started') return;
    if (!event.python) {
      process.stderr.write(`running ${event.step}…\n`);
      return;
    }
    if (!saidPython) process.stderr.write(`running the lesson's own Python code on ${pythonLabel(event.python)} (${event.python.executable})…\n`);
    saidPython = true;
    process.stderr.write(`running ${lessonStepLabel({ engine: 'cpython', step: event.step })} on CPython…\n`);
  };
}

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
  // Chosen (and probed) here too, so a path that is not CPython is refused before the lab starts,
  // and a lesson this interpreter cannot run is said in one sentence (with both engines the
  // service then runs the simulation alone, as it does for a page).
  const python = command.engine === 'lab' ? undefined : await cpython.choose(command.python);
  const lesson = findExperiment(command.request.experiment);
  const refusal = python && lesson ? realLessonRefusal(lesson, python) : null;
  if (refusal && command.engine === 'cpython') throw new LabError(refusal);

  const lab = new Lab({ entries: builtEntries(__dirname), lessons: LAB_LESSONS, cores });
  // The same service the app and the browser edition use: one path checks, caps, plans and measures every run.
  const service = createLabService(lab, { cpython });
  const stopping = stopOnSignals({ cancel: () => service.call('cancelRun', undefined, CLI_CLIENT) });
  const advice = lesson ? coreAdvice(lesson, cores) : null;
  if (advice && !command.json) process.stderr.write(`note: ${advice}\n`);
  if (refusal) process.stderr.write(`note: ${refusal}\n`);
  try {
    const input = { ...command.request, engine: command.engine, ...(command.python !== undefined ? { python: command.python } : {}) } as const;
    const results = await runThroughService(service, input, { limitMs: RUN_LIMIT_MS, ...(command.json ? {} : { onEvent: progress() }) });
    // A simulated result carries no engine; the JSON says which produced each figure.
    const runs = results.map((r): ModeResult => ({ ...r, engine: r.engine ?? 'lab' }));
    if (command.json) {
      process.stdout.write(JSON.stringify({ experiment: command.request.experiment, cores, advice, request: command.request, runs }) + '\n');
    } else {
      // The text reads as the page does: a baseline timed around each step gives the speedup shown (--json keeps both).
      const shownRuns = runs.map(withSpeedupAround);
      const simulated = labResults(shownRuns);
      const real = realResults(shownRuns);
      const { experiment, workers, seconds, switchMs } = command.request;
      process.stdout.write(`${experiment}: ${workers} worker(s), ${seconds} s tasks, ${switchMs} ms switch interval, ${cores} cores\n\n`);
      const realPython = pythonOf(real);
      if (lesson && realPython) {
        const shown = real.map((r) => ({ ...r, step: lessonStepLabel(r) }));
        process.stdout.write(`${pythonLabel(realPython)}, ${realPython.executable}: who ran when, from each thread's own clock\n${resultsTable(lesson, shown)}\n\n`);
      }
      if (lesson && simulated.length > 0) {
        process.stdout.write(`${real.length > 0 ? 'simulation\n' : ''}${resultsTable(lesson, simulated)}\n`);
      }
      const sentences = lesson ? [...explainRun(lesson, explainable(shownRuns), cores), ...compareSentences(shownRuns, 0.15, lesson.metrics, cores)] : [];
      if (sentences.length > 0) process.stdout.write(`\n${sentences.join('\n')}\n`);
      for (const result of runs) if (result.cycle) process.stdout.write(`\ndeadlock found in "${result.step}":\n  ${result.cycle.join('\n  ')}\n`);
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
