/**
 * The run controls: the modes (where a lesson lets you choose), the lesson's own settings under
 * the names they have in that lesson, then Run or Cancel. Every field is checked
 * with the engine's own schema as it is typed, so Run is only enabled for a request the engine will
 * accept. A setting a lesson does not offer is hidden and sent at the lesson's default.
 */
import { FREE_THREADED_BUILDS, type Experiment, type Mode } from '../../../shared/experiments';
import { LIMITS, maxWorkers } from '../../../shared/limits';
import { MODE_TITLE } from '../../../shared/format';
import type { ControlValues } from '../store/controls';
import type { SessionState } from '../store/session';
import { ErrorMessage } from './banners';
import { StatusLine } from './status-line';

interface Props {
  experiment: Experiment;
  values: ControlValues;
  onChange: (patch: Partial<ControlValues>) => void;
  cores: number;
  /** Why the request is invalid; Run stays disabled while set. */
  error: string | null;
  /** The engine's sentence for a refused call; dismissable. */
  serverError: string | null;
  onDismissServerError: () => void;
  busy: boolean;
  connected: boolean;
  session: SessionState;
  onRun: () => void;
  onCancel: () => void;
  /** CPython's baseline timed again around each step: offered while CPython runs a lesson whose baseline can be; null otherwise. */
  steadyBaseline: { on: boolean; onChange: (on: boolean) => void } | null;
}

const STEADY_TITLE =
  "CPython times the lesson's baseline again after each step and takes each speedup against the baseline around it: " +
  'slower, but steady on a laptop whose speed changes from one second to the next (a cold CPU, a power-saving mode, a busy neighbour).';

interface FieldProps {
  id: string;
  label: string;
  /** The field's accessible name (with its unit, where the visible label shows it apart). */
  name: string;
  unit?: string;
  value: string;
  min: number;
  max: number;
  step: number | 'any';
  disabled: boolean;
  onChange: (text: string) => void;
}

/** A number input with its label; also used by the cores panel's sampling rate. */
export function NumberField({ id, label, name, unit, value, min, max, step, disabled, onChange }: FieldProps) {
  return (
    <label className="field" htmlFor={id}>
      <span className="field-label">
        {label}
        {unit ? <span className="field-unit">{unit}</span> : null}
      </span>
      <input
        id={id}
        data-testid={id}
        aria-label={name}
        type="number"
        inputMode="decimal"
        value={value}
        title={`${min} to ${max}${unit ? ` ${unit}` : ''}`}
        min={min}
        max={max}
        step={step}
        disabled={disabled}
        onChange={(e) => onChange(e.target.value)}
      />
    </label>
  );
}

/** The control bar; its status line and validation message sit on a second line. */
export function Controls(props: Props) {
  const { experiment, values, onChange, cores, busy, connected, session } = props;
  const labels = experiment.controls;
  const toggleMode = (mode: Mode, on: boolean): void => {
    const next = on ? [...values.modes, mode] : values.modes.filter((m) => m !== mode);
    onChange({ modes: experiment.modes.filter((m) => next.includes(m)) });
  };
  const canRun = connected && !busy && props.error === null;
  return (
    <section className="panel controls" aria-label="Run controls" data-testid="controls">
      <div className="controls-row">
        {experiment.modesSelectable ? (
          <div className="field modes" role="group" aria-labelledby="modes-label">
            <span id="modes-label" className="field-label">
              Modes
            </span>
            <div className="mode-checks">
              {experiment.modes.map((mode) => (
                <label key={mode} className="mode-check">
                  <input
                    type="checkbox"
                    data-testid={`mode-${mode}`}
                    checked={values.modes.includes(mode)}
                    disabled={busy}
                    onChange={(e) => toggleMode(mode, e.target.checked)}
                  />
                  {experiment.modeTitles?.[mode] ?? MODE_TITLE[mode]}
                </label>
              ))}
            </div>
          </div>
        ) : null}
        {labels.workers !== undefined ? (
          <NumberField
            id="workers"
            name={labels.workers}
            label={labels.workers}
            value={values.workers}
            min={LIMITS.workers.min}
            max={maxWorkers(cores)}
            step={1}
            disabled={busy}
            onChange={(workers) => onChange({ workers })}
          />
        ) : null}
        {labels.seconds !== undefined ? (
          <NumberField
            id="seconds"
            name={labels.seconds}
            label={labels.seconds}
            value={values.seconds}
            min={LIMITS.seconds.min}
            max={LIMITS.seconds.max}
            step="any"
            disabled={busy}
            onChange={(seconds) => onChange({ seconds })}
          />
        ) : null}
        {labels.switchMs !== undefined ? (
          <NumberField
            id="switch-ms"
            name={`${labels.switchMs} (ms)`}
            label={labels.switchMs}
            unit="ms"
            value={values.switchMs}
            min={LIMITS.switchMs.min}
            max={LIMITS.switchMs.max}
            step="any"
            disabled={busy}
            onChange={(switchMs) => onChange({ switchMs })}
          />
        ) : null}
        {labels.build !== undefined ? (
          <label className="field" htmlFor="build">
            <span className="field-label">{labels.build}</span>
            <select
              id="build"
              data-testid="build"
              aria-label={labels.build}
              value={values.build ?? experiment.defaults.build ?? FREE_THREADED_BUILDS[0]}
              disabled={busy}
              onChange={(e) => {
                const build = FREE_THREADED_BUILDS.find((b) => b === e.target.value);
                if (build) onChange({ build });
              }}
            >
              {FREE_THREADED_BUILDS.map((b) => (
                <option key={b} value={b}>
                  CPython {b}
                </option>
              ))}
            </select>
          </label>
        ) : null}
        {props.steadyBaseline ? (
          <div className="field" role="group" aria-labelledby="steady-label">
            <span id="steady-label" className="field-label">
              CPython baseline
            </span>
            <label className="mode-check" title={STEADY_TITLE}>
              <input
                type="checkbox"
                data-testid="steady-baseline"
                checked={props.steadyBaseline.on}
                disabled={busy}
                onChange={(e) => props.steadyBaseline?.onChange(e.target.checked)}
              />
              Around each step
            </label>
          </div>
        ) : null}
        <div className="run-buttons">
          {busy ? (
            <button type="button" className="button cancel" data-testid="cancel-button" onClick={props.onCancel}>
              Cancel
            </button>
          ) : (
            <button type="button" className="button run" data-testid="run-button" disabled={!canRun} onClick={props.onRun}>
              Run
            </button>
          )}
        </div>
      </div>
      <div className="controls-foot">
        <StatusLine session={session} />
        <ErrorMessage
          message={props.error ?? props.serverError}
          onDismiss={props.error === null ? props.onDismissServerError : undefined}
        />
      </div>
    </section>
  );
}
