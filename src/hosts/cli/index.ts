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
import { RunCancelled } from '../../engine/errors';
import { Lab } from '../../engine/lab';
import { parseCommand, USAGE, UsageError } from './args';
import { formatTable, resultsTable } from './table';

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

  const lab = new Lab({ entries: builtEntries(__dirname), lessons: LAB_LESSONS, cores });
  const stop = (): void => void lab.cancel();
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
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
    const results = await lab.startRun(command.request).done;
    if (command.json) {
      process.stdout.write(JSON.stringify({ experiment: command.request.experiment, cores, advice, request: command.request, runs: results }) + '\n');
    } else {
      const { experiment, workers, seconds, switchMs } = command.request;
      process.stdout.write(`${experiment}: ${workers} worker(s), ${seconds} s tasks, ${switchMs} ms switch interval, ${cores} cores\n\n`);
      if (lesson) {
        process.stdout.write(resultsTable(lesson, results) + '\n');
        const sentences = explainRun(lesson, results, cores);
        if (sentences.length > 0) process.stdout.write(`\n${sentences.join('\n')}\n`);
      }
      for (const result of results) if (result.cycle) process.stdout.write(`\ndeadlock found in "${result.step}":\n  ${result.cycle.join('\n  ')}\n`);
    }
    return 0;
  } catch (error) {
    if (error instanceof RunCancelled) {
      process.stderr.write('gil-lab: the run was cancelled; every worker has been stopped.\n');
      return 130;
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
