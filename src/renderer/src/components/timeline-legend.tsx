/** The lock timeline's legend: the states drawn, and for a real CPython step only running or not. */
import { STATE_LOOKS } from '../drawing/palette';
import type { DrawnState } from '../store/run-archive';

export function TimelineLegend({ states, real }: { states: readonly DrawnState[]; real: boolean }) {
  return (
    <ul className="legend" aria-label="Legend">
      {states.map((state) => (
        <li key={state} data-testid={`legend-${state}`}>
          <span className={`swatch swatch-${state}`} aria-hidden="true" />
          {STATE_LOOKS[state].label}
        </li>
      ))}
      {real ? (
        // A gap in a thread's own clock: it did not run. Whether it waited for the GIL cannot be seen from inside.
        <li data-testid="legend-not-running">
          <span className="swatch swatch-not-running" aria-hidden="true" />
          not running
        </li>
      ) : null}
    </ul>
  );
}
