/**
 * Which real interpreter lessons also run on, and on which engine: the interpreters the host
 * found, any the user added by path (each probed by the host first), the one chosen (kept between
 * launches as its executable; null is "simulation only") and simulation / CPython / both. Pure,
 * like the rest of the store; lab-store.ts makes the calls.
 */
import type { Experiment } from '../../../shared/experiments';
import { hasRealCounterpart, realLessonRefusal, type EngineChoice, type PythonInfo, type PythonList } from '../../../shared/python-schemas';

export interface PythonChoiceState {
  /** What the host found; null until it answered. */
  found: readonly PythonInfo[] | null;
  /** Why there is nothing to choose (no interpreter here, or a host without CPython), in one sentence. */
  unavailable: string | null;
  /** Interpreters the user added by path this session (the chosen one is kept between launches). */
  added: readonly PythonInfo[];
  /** The executable chosen; null: the simulation only. */
  chosen: string | null;
  /** What Run uses for a lesson with a real counterpart while an interpreter is chosen. */
  engine: EngineChoice;
  /**
   * CPython times its baseline again around each step, for lessons whose baseline can be (slower;
   * steady where the machine's speed changes between seconds). Kept between launches.
   */
  steadyBaseline: boolean;
  /** A path being probed by the host. */
  checking: boolean;
  /** The host's sentence for a path it refused. */
  refusal: string | null;
}

export const initialPythonChoice: PythonChoiceState = { found: null, unavailable: null, added: [], chosen: null, engine: 'both', steadyBaseline: false, checking: false, refusal: null };

/** Said when the machine has no CPython 3.9+: the lab works as before, on the simulation. */
export const NO_PYTHON_HERE = 'No CPython 3.9 or newer was found here, so lessons run on the simulation only.';

export type PythonAction =
  | { type: 'found'; list: PythonList }
  | { type: 'unavailable'; message: string }
  /** The executable to use, or null for the simulation only. */
  | { type: 'choose'; executable: string | null }
  | { type: 'engine'; engine: EngineChoice }
  | { type: 'steady-baseline'; on: boolean }
  | { type: 'checking' }
  | { type: 'checked'; python: PythonInfo }
  | { type: 'refused'; message: string };

export function pythonReducer(state: PythonChoiceState, action: PythonAction): PythonChoiceState {
  switch (action.type) {
    case 'found':
      return { ...state, found: action.list.pythons, unavailable: action.list.pythons.length === 0 ? NO_PYTHON_HERE : null };
    case 'unavailable':
      return { ...state, found: [], unavailable: action.message };
    case 'choose':
      // Choosing an interpreter runs lessons on both engines, as the lesson is meant to be seen.
      return action.executable === state.chosen ? state : { ...state, chosen: action.executable, engine: 'both', refusal: null };
    case 'engine':
      return { ...state, engine: action.engine };
    case 'steady-baseline':
      return { ...state, steadyBaseline: action.on };
    case 'checking':
      return { ...state, checking: true, refusal: null };
    case 'checked': {
      const known = offered(state).some((p) => p.executable === action.python.executable);
      return { ...state, checking: false, added: known ? state.added : [...state.added, action.python], chosen: action.python.executable, engine: 'both' };
    }
    case 'refused':
      return { ...state, checking: false, refusal: action.message };
  }
}

/** Every interpreter the chooser offers: the host's, then the user's. */
export const offered = (state: PythonChoiceState): PythonInfo[] => [...(state.found ?? []), ...state.added.filter((a) => !(state.found ?? []).some((f) => f.executable === a.executable))];

/** The chosen interpreter, if it is one the chooser knows (a kept path still to be probed is not, yet). */
export const chosenPython = (state: PythonChoiceState): PythonInfo | null => offered(state).find((p) => p.executable === state.chosen) ?? null;

/** Why the chosen interpreter cannot run this lesson's own code (the lesson then runs on the simulation), or null. */
export function lessonRefusal(state: PythonChoiceState, lesson: Experiment): string | null {
  const python = chosenPython(state);
  return python ? realLessonRefusal(lesson, python) : null;
}

/** What Run sends besides the request: which engine, on which interpreter, and whether CPython times its baseline around each step. */
export interface EngineRequest {
  engine: EngineChoice;
  python?: string;
  baselineEachStep?: true;
}

/** The interpreter chosen can run this lesson's own code (whatever engine is picked). */
const canRunReal = (state: PythonChoiceState, lesson: Experiment): state is PythonChoiceState & { chosen: string } =>
  state.chosen !== null && hasRealCounterpart(lesson.id) && lessonRefusal(state, lesson) === null;

export function engineFor(state: PythonChoiceState, lesson: Experiment): EngineRequest {
  if (!canRunReal(state, lesson)) return { engine: 'lab' };
  // A kept path the host has not listed this launch is probed again when the run starts.
  const real = { engine: state.engine, python: state.chosen };
  return steadyBaselineOffered(state, lesson) && state.steadyBaseline ? { ...real, baselineEachStep: true } : real;
}

/** Whether the steady-baseline choice means anything for this lesson as things stand: CPython runs, and its baseline can be timed again. */
export function steadyBaselineOffered(state: PythonChoiceState, lesson: Experiment): boolean {
  return canRunReal(state, lesson) && state.engine !== 'lab' && lesson.retimesBaseline === true;
}

/** One line for the chooser: version, free-threaded or not, GIL state at runtime. */
export function pythonOptionLabel(p: PythonInfo): string {
  const build = p.freeThreaded ? (p.gilEnabled ? 'free-threaded build, GIL on' : 'free-threaded') : 'with the GIL';
  return `CPython ${p.version} · ${build}`;
}
