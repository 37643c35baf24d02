/**
 * What the service adds to a run asked for on real CPython: the interpreter named by the page
 * (chosen from the discovered list, or an absolute path that must pass the probe), and the phase
 * that runs the lesson's own Python on it after (or instead of) the simulation.
 */
import type { EngineChoice } from '../../shared/python-schemas';
import type { RunRequest } from '../../shared/schemas';
import { LabError } from '../errors';
import type { ExtraPhase, Lab } from '../lab';
import type { CpythonEngine } from './cpython-engine';
import { runRealPhase } from './real-phase';

export async function realPhaseFor(lab: Lab, cpython: CpythonEngine | undefined, request: RunRequest, engine: Exclude<EngineChoice, 'lab'>, choice: string | undefined): Promise<ExtraPhase> {
  if (!cpython) throw new LabError('this host does not run lessons on real CPython');
  const experiment = lab.experiments.find((e) => e.id === request.experiment);
  if (!experiment) throw new LabError(`unknown experiment "${request.experiment}"`);
  const { executable, version, freeThreaded, gilEnabled } = await cpython.choose(choice);
  // Only the four facts a result carries travel with the run (not where else it was found).
  const python = { executable, version, freeThreaded, gilEnabled };
  return {
    simulate: engine === 'both',
    run: (runId, signal, emit) =>
      runRealPhase({ runId, experiment, request, python, sampler: lab.sampler, signal, emit, run: (s, onEvent) => cpython.run(experiment, request, python, s, onEvent) }),
  };
}
