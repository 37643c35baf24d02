/**
 * Which real Python the lesson also runs on: the interpreters this machine has (version, and
 * whether it is a free-threaded build), "simulation only", or one added by its full path (the
 * host probes it; a refusal is one sentence). Beside it, simulation / CPython / both for a lesson
 * with a real counterpart. The page names an interpreter, never code or arguments.
 */
import { useEffect, useId, useState } from 'react';
import type { Experiment } from '../../../shared/experiments';
import { hasRealCounterpart, type EngineChoice } from '../../../shared/python-schemas';
import { chosenPython, lessonRefusal, offered, pythonOptionLabel, type PythonChoiceState } from '../store/python-choice';

interface Props {
  choice: PythonChoiceState;
  lesson: Experiment;
  busy: boolean;
  onChoose: (executable: string | null) => void;
  onEngine: (engine: EngineChoice) => void;
  onAdd: (path: string) => void;
}

const SIMULATION = '';
/** Not a path (paths are absolute), and no control character: an export serialises the page as XML. */
const ADD = 'add-by-path';

const ENGINES: readonly { engine: EngineChoice; label: string; title: string }[] = [
  { engine: 'lab', label: 'Simulation', title: 'Run the simulated interpreter only' },
  { engine: 'cpython', label: 'CPython', title: "Run only the lesson's own Python code on the real interpreter" },
  { engine: 'both', label: 'Both', title: 'The simulation, then the same lesson on the real interpreter, side by side' },
];

export function PythonChooser({ choice, lesson, busy, onChoose, onEngine, onAdd }: Props) {
  const [adding, setAdding] = useState(false);
  const [path, setPath] = useState('');
  const selectId = useId();
  // A path the host accepted is chosen: the form has done its work.
  useEffect(() => {
    setAdding(false);
    setPath('');
  }, [choice.chosen]);
  const pythons = offered(choice);
  const chosen = chosenPython(choice);
  const pending = choice.chosen !== null && !chosen;
  const refusal = lessonRefusal(choice, lesson);
  const real = hasRealCounterpart(lesson.id) && refusal === null;
  const submit = (): void => {
    if (path.trim() === '') return;
    onAdd(path);
  };
  return (
    <div className="python-chooser" data-testid="python-chooser" data-chosen={choice.chosen ?? ''}>
      <label className="python-label" htmlFor={selectId}>
        Python
      </label>
      <select
        id={selectId}
        className="python-select"
        data-testid="python-select"
        disabled={busy || choice.found === null}
        value={adding ? ADD : (choice.chosen ?? SIMULATION)}
        title={chosen ? `${chosen.executable} (found as: ${chosen.sources.join(', ')})` : (choice.unavailable ?? undefined)}
        onChange={(e) => {
          const value = e.target.value;
          if (value === ADD) return setAdding(true);
          setAdding(false);
          onChoose(value === SIMULATION ? null : value);
        }}
      >
        <option value={SIMULATION}>{choice.found === null ? 'Looking for Python…' : 'Simulation only'}</option>
        {pythons.map((p) => (
          <option key={p.executable} value={p.executable} data-testid="python-option">
            {pythonOptionLabel(p)}
          </option>
        ))}
        {pending ? <option value={choice.chosen ?? ''}>{choice.checking ? 'checking…' : (choice.chosen ?? '')}</option> : null}
        <option value={ADD}>Add an interpreter by path…</option>
      </select>
      {chosen && real && !adding ? (
        <div className="scope engine-choice" role="group" aria-label="Engine" data-testid="engine-choice">
          {ENGINES.map((e) => (
            <button
              key={e.engine}
              type="button"
              className={choice.engine === e.engine ? 'seg active' : 'seg'}
              aria-pressed={choice.engine === e.engine}
              title={e.title}
              disabled={busy}
              data-testid={`engine-${e.engine}`}
              onClick={() => onEngine(e.engine)}
            >
              {e.label}
            </button>
          ))}
        </div>
      ) : null}
      {chosen && !real && !adding ? (
        <span className="python-note" data-testid="python-note" title={refusal ?? undefined}>
          {refusal ? 'this Python cannot run this lesson: simulation only' : 'this lesson runs on the simulation only'}
        </span>
      ) : null}
      {choice.unavailable && !adding ? (
        <span className="python-note" data-testid="python-unavailable">
          {choice.unavailable}
        </span>
      ) : null}
      {adding ? (
        <form
          className="python-add"
          data-testid="python-add"
          onSubmit={(e) => {
            e.preventDefault();
            submit();
          }}
        >
          <input
            className="python-path"
            type="text"
            spellCheck={false}
            autoComplete="off"
            placeholder="/usr/bin/python3.13"
            aria-label="Full path to a CPython interpreter"
            data-testid="python-path"
            value={path}
            maxLength={1024}
            onChange={(e) => setPath(e.target.value)}
          />
          <button type="submit" className="header-button" disabled={choice.checking || path.trim() === ''} data-testid="python-check">
            {choice.checking ? 'Checking…' : 'Check'}
          </button>
          <button type="button" className="link-button" onClick={() => setAdding(false)}>
            Cancel
          </button>
        </form>
      ) : null}
      {choice.refusal ? (
        <span className="python-refusal" role="alert" data-testid="python-refusal">
          {choice.refusal}
        </span>
      ) : null}
    </div>
  );
}
