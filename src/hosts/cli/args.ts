/**
 * Parses `lab` command lines into a validated request. Every bad argument becomes one sentence;
 * the schema is the same one the IPC handlers and the WebSocket bridge use.
 */
import { parseArgs } from 'node:util';
import { FREE_THREADED_BUILDS, MODES, type Mode } from '../../shared/experiments';
import { ESTIMATES, EXPERIMENTS, findExperiment } from '../../lessons/catalogue';
import { parsePlainNumber } from '../../shared/plain-number';
import { MAX_RUN_SECONDS, runTooLong } from '../../shared/run-estimate';
import { engineSchema, hasRealCounterpart, pythonChoiceSchema, REAL_LESSONS, type EngineChoice } from '../../shared/python-schemas';
import { describeIssue, runRequestSchema, type RunRequest } from '../../shared/schemas';

export type CliCommand =
  | { kind: 'help' }
  | { kind: 'list'; json: boolean }
  | { kind: 'pythons'; json: boolean }
  | { kind: 'run'; request: RunRequest; json: boolean; engine: EngineChoice; python?: string };

export class UsageError extends Error {}

export const USAGE = `Usage:
  npm run --silent lab -- list [--json]
  npm run --silent lab -- pythons [--json]
  npm run --silent lab -- run <experiment> [--workers N] [--seconds S] [--switch-ms M] [--modes a,b] [--build B]
                          [--python NAME|PATH] [--engine lab|cpython|both] [--baseline-each-step] [--json]

  --workers    threads or processes per mode, and tasks (default: the experiment's)
  --seconds    calibrated length of one task in seconds (default 1)
  --switch-ms  GIL switch interval in milliseconds (default 5, like sys.getswitchinterval())
  --modes      a subset of: ${MODES.join(', ')}
  --build      the free-threaded build modelled: ${FREE_THREADED_BUILDS.join(' or ')} (free-threaded lesson)
  --python     a CPython from \`lab pythons\` (python3.12, 3.12) or an absolute path to one
  --engine     lab (the simulation), cpython (the lesson's own code on --python) or both
               (default: both when --python is given, else lab)
  --baseline-each-step
               real CPython times the lesson's baseline again after each step; the table and
               sentences show each speedup against the baseline around its step, --json both
               (speedup, speedupAround). Slower; for a machine whose speed changes from one
               second to the next

  Numbers are plain decimals (4, 0.5). A run that would last more than ${MAX_RUN_SECONDS / 60} minutes is refused.
  Ctrl+C stops the run and its workers; a second Ctrl+C quits at once.

Experiments: ${EXPERIMENTS.map((e) => e.id).join(', ')}`;

/** A number typed on the command line: plain decimal digits only, never guessed ("0x11" is not 17). */
function numeric(name: string, raw: string | undefined, kind: 'whole' | 'decimal'): number | undefined {
  if (raw === undefined) return undefined;
  const read = parsePlainNumber(`--${name}`, raw, kind);
  if (!read.ok) throw new UsageError(read.reason);
  return read.value;
}

const NUMERIC_OPTIONS = new Set(['--workers', '--seconds', '--switch-ms']);

/** `--workers -3` would read as two options; glue a numeric option to its value so the schema can say why it is wrong. */
function glueNegativeValues(argv: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    const next = argv[i + 1];
    if (NUMERIC_OPTIONS.has(arg) && next !== undefined && /^-[\d.]/.test(next)) {
      out.push(`${arg}=${next}`);
      i++;
    } else out.push(arg);
  }
  return out;
}

export function parseCommand(argv: string[], cores: number): CliCommand {
  let parsed;
  try {
    parsed = parseArgs({
      args: glueNegativeValues(argv),
      allowPositionals: true,
      strict: true,
      options: {
        workers: { type: 'string' },
        seconds: { type: 'string' },
        'switch-ms': { type: 'string' },
        modes: { type: 'string' },
        build: { type: 'string' },
        python: { type: 'string' },
        engine: { type: 'string' },
        json: { type: 'boolean', default: false },
        'baseline-each-step': { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message.split('\n')[0] ?? 'bad arguments' : 'bad arguments');
  }
  const { values, positionals } = parsed;
  const [command, experimentId, ...extra] = positionals;
  if (values.help || command === undefined || command === 'help') return { kind: 'help' };
  if (command === 'list') return { kind: 'list', json: values.json };
  if (command === 'pythons') return { kind: 'pythons', json: values.json };
  if (command !== 'run') throw new UsageError(`unknown command "${command.slice(0, 40)}"; use list, pythons or run`);
  if (experimentId === undefined) throw new UsageError('run needs an experiment id; see: lab list');
  if (extra.length > 0) throw new UsageError(`unexpected argument "${extra[0]?.slice(0, 40)}"`);
  const experiment = findExperiment(experimentId);
  if (!experiment) {
    throw new UsageError(`unknown experiment "${experimentId.slice(0, 40)}"; choose one of: ${EXPERIMENTS.map((e) => e.id).join(', ')}`);
  }
  const modes = values.modes?.split(',').map((m) => m.trim()) as Mode[] | undefined;
  const candidate = {
    experiment: experiment.id,
    workers: numeric('workers', values.workers, 'whole') ?? experiment.defaults.workers,
    seconds: numeric('seconds', values.seconds, 'decimal') ?? experiment.defaults.seconds,
    switchMs: numeric('switch-ms', values['switch-ms'], 'decimal') ?? experiment.defaults.switchMs,
    ...(modes ? { modes } : {}),
    ...(values.build !== undefined ? { build: values.build } : experiment.defaults.build ? { build: experiment.defaults.build } : {}),
    ...(values['baseline-each-step'] ? { baselineEachStep: true } : {}),
  };
  const result = runRequestSchema(cores).safeParse(candidate);
  if (!result.success) throw new UsageError(describeIssue(result.error));
  const engine = engineSchema.safeParse(values.engine ?? (values.python === undefined ? 'lab' : 'both'));
  if (!engine.success) throw new UsageError(describeIssue(engine.error));
  if (engine.data !== 'lab' && !hasRealCounterpart(experiment.id)) {
    throw new UsageError(`${experiment.id} has no real-CPython counterpart yet (those that do: ${REAL_LESSONS.join(', ')}); use --engine lab`);
  }
  // A real phase runs the lesson's steps again on CPython: the cap counts both engines.
  const tooLong = runTooLong(experiment, { ...result.data, engine: engine.data }, cores, ESTIMATES[experiment.id]);
  if (tooLong) throw new UsageError(tooLong);
  const python = values.python === undefined ? undefined : pythonChoiceSchema.safeParse(values.python);
  if (python && !python.success) throw new UsageError(describeIssue(python.error));
  return { kind: 'run', request: result.data, json: values.json, engine: engine.data, ...(python?.data !== undefined ? { python: python.data } : {}) };
}
