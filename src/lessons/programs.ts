/**
 * Which program runs which lesson: the engine-side registry, handed to the Lab by each host (the
 * engine itself imports no lesson). Adding a lesson: a new folder src/lessons/<id>/ (lesson.ts,
 * explain.ts, program.ts), its id in EXPERIMENT_IDS (src/shared/experiments.ts), and one line here
 * and one in catalogue.ts; the `Record` types make a missing line a compile error.
 */
import type { LabLessons, Programs } from '../engine/program-api';
import { asyncioProgram } from './asyncio/program';
import { ESTIMATES, EXPERIMENTS } from './catalogue';
import { convoyProgram } from './convoy/program';
import { counterRaceProgram } from './counter-race/program';
import { cpuBoundProgram } from './cpu-bound/program';
import { deadlockProgram } from './deadlock/program';
import { freeThreadedProgram } from './free-threaded/program';
import { hybridProgram } from './hybrid/program';
import { ioBoundProgram } from './io-bound/program';
import { lostUpdateProgram } from './lost-update/program';
import { nativeReleaseProgram } from './native-release/program';
import { processCostProgram } from './process-cost/program';
import { scalingProgram } from './scaling/program';
import { strategyProgram } from './strategy/program';
import { subinterpretersProgram } from './subinterpreters/program';
import { switchIntervalProgram } from './switch-interval/program';

export const PROGRAMS: Programs = {
  'cpu-bound': cpuBoundProgram,
  'io-bound': ioBoundProgram,
  scaling: scalingProgram,
  'lost-update': lostUpdateProgram,
  'counter-race': counterRaceProgram,
  'switch-interval': switchIntervalProgram,
  convoy: convoyProgram,
  'native-release': nativeReleaseProgram,
  'free-threaded': freeThreadedProgram,
  subinterpreters: subinterpretersProgram,
  'process-cost': processCostProgram,
  asyncio: asyncioProgram,
  hybrid: hybridProgram,
  deadlock: deadlockProgram,
  strategy: strategyProgram,
};

/** The course, its programs and their estimates, as a host passes them to `new Lab({ lessons })`. */
export const LAB_LESSONS: LabLessons = { experiments: EXPERIMENTS, programs: PROGRAMS, estimates: ESTIMATES };
