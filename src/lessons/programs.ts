/** Which program runs which lesson. */
import { LabError } from '../errors';
import { asyncioProgram } from './asyncio';
import { convoyProgram } from './convoy';
import { deadlockProgram } from './deadlock';
import { hybridProgram } from './hybrid';
import { lostUpdateProgram } from './lost-update';
import { processCostProgram } from './process-cost';
import type { Program } from './program';
import { scalingProgram } from './scaling';
import { standardProgram } from './standard';
import { strategyProgram } from './strategy';
import { switchIntervalProgram } from './switch-interval';

const PROGRAMS: Readonly<Record<string, Program>> = {
  'cpu-bound': standardProgram('cpu'),
  'io-bound': standardProgram('io'),
  scaling: scalingProgram,
  'lost-update': lostUpdateProgram,
  'switch-interval': switchIntervalProgram,
  convoy: convoyProgram,
  'native-release': standardProgram('cpu'),
  'free-threaded': standardProgram('cpu'),
  'process-cost': processCostProgram,
  asyncio: asyncioProgram,
  hybrid: hybridProgram,
  deadlock: deadlockProgram,
  strategy: strategyProgram,
};

export function programFor(id: string): Program {
  const program = PROGRAMS[id];
  if (!program) throw new LabError(`no program for experiment "${id}"`);
  return program;
}
