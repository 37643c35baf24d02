/**
 * What the service adds to a run asked for on real CPython: the interpreter named by the page
 * (chosen from the discovered list, or an absolute path that must pass the probe), and the phase
 * that runs the lesson's own Python on it after (or instead of) the simulation.
 */
import { realLessonRefusal, type EngineChoice } from '../../shared/python-schemas';
import type { RunRequest } from '../../shared/schemas';
import { LabError } from '../errors';
import type { ExtraPhase, Lab } from '../lab';
import type { CpythonEngine } from './cpython-engine';
import { realPlan, runRealPhase } from './real-phase';

/** The real phase of a run, or undefined when this interpreter cannot run the lesson and the simulation was asked for too. */
export async function realPhaseFor(lab: Lab, cpython: CpythonEngine | undefined, request: RunRequest, engine: Exclude<EngineChoice, 'lab'>, choice: string | undefined): Promise<ExtraPhase | undefined> {
  if (!cpython) throw new LabError('this host does not run lessons on real CPython');
  const experiment = lab.experiments.find((e) => e.id === request.experiment);
  if (!experiment) throw new LabError(`unknown experiment "${request.experiment}"`);
  const { executable, version, freeThreaded, gilEnabled } = await cpython.choose(choice);
  // Only the four facts a result carries travel with the run (not where else it was found).
  const python = { executable, version, freeThreaded, gilEnabled };
  // Subinterpreters before 3.14, free-threaded on a GIL build: the simulation alone, as the CLI does.
  const refusal = realLessonRefusal(experiment, python);
  if (refusal) {
    if (engine === 'cpython') throw new LabError(refusal);
    return undefined;
  }
  return {
    simulate: engine === 'both',
    plan: (simulated) => realPlan(experiment, simulated),
    run: (runId, signal, emit) =>
      runRealPhase({ runId, experiment, request, python, sampler: lab.sampler, signal, emit, run: (s, onEvent) => cpython.run(experiment, request, python, s, onEvent) }),
  };
}
