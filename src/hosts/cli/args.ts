/**
 * Parses `lab` command lines into a validated request. Every bad argument becomes one sentence;
 * the schema is the same one the IPC handlers and the WebSocket bridge use.
 */
import { parseArgs } from 'node:util';
import { MODES, type Mode } from '../../shared/experiments';
import { EXPERIMENTS, findExperiment } from '../../lessons/catalogue';
import { describeIssue, runRequestSchema, type RunRequest } from '../../shared/schemas';

export type CliCommand = { kind: 'help' } | { kind: 'list'; json: boolean } | { kind: 'run'; request: RunRequest; json: boolean };

export class UsageError extends Error {}

export const USAGE = `Usage:
  npm run --silent lab -- list [--json]
  npm run --silent lab -- run <experiment> [--workers N] [--seconds S] [--switch-ms M] [--modes a,b] [--json]

  --workers    threads or processes per mode, and tasks (default: the experiment's)
  --seconds    calibrated length of one task in seconds (default 1)
  --switch-ms  GIL switch interval in milliseconds (default 5, like sys.getswitchinterval())
  --modes      a subset of: ${MODES.join(', ')}

Experiments: ${EXPERIMENTS.map((e) => e.id).join(', ')}`;

/** A number typed on the command line: text that is not one whole number is refused, not guessed. */
function numeric(name: string, raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  const trimmed = raw.trim();
  const value = trimmed === '' ? Number.NaN : Number(trimmed);
  if (!Number.isFinite(value)) throw new UsageError(`--${name} must be a number, not "${raw.slice(0, 40)}"`);
  return value;
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
        json: { type: 'boolean', default: false },
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
  if (command !== 'run') throw new UsageError(`unknown command "${command.slice(0, 40)}"; use list or run`);
  if (experimentId === undefined) throw new UsageError('run needs an experiment id; see: lab list');
  if (extra.length > 0) throw new UsageError(`unexpected argument "${extra[0]?.slice(0, 40)}"`);
  const experiment = findExperiment(experimentId);
  if (!experiment) {
    throw new UsageError(`unknown experiment "${experimentId.slice(0, 40)}"; choose one of: ${EXPERIMENTS.map((e) => e.id).join(', ')}`);
  }
  const modes = values.modes?.split(',').map((m) => m.trim()) as Mode[] | undefined;
  const candidate = {
    experiment: experiment.id,
    workers: numeric('workers', values.workers) ?? experiment.defaults.workers,
    seconds: numeric('seconds', values.seconds) ?? experiment.defaults.seconds,
    switchMs: numeric('switch-ms', values['switch-ms']) ?? experiment.defaults.switchMs,
    ...(modes ? { modes } : {}),
  };
  const result = runRequestSchema(cores).safeParse(candidate);
  if (!result.success) throw new UsageError(describeIssue(result.error));
  return { kind: 'run', request: result.data, json: values.json };
}
