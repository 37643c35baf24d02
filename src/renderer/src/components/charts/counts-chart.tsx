/**
 * The lost update, counted: for each step a bar of the increments expected, filled as far as the
 * count reached, with the lost part hatched in red and its number written large.
 */
import type { ModeResult } from '../../../../shared/results';
import { groupDigits } from '../../../../shared/format';

interface Props {
  results: readonly ModeResult[];
}

const figure = (r: ModeResult, key: string): number | null => {
  const v = r.metrics[key];
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
};

export function CountsChart({ results }: Props) {
  const rows = results.filter((r) => figure(r, 'expected') !== null && figure(r, 'actual') !== null);
  if (rows.length === 0) return <p className="chart-empty">Run the lesson to count the increments.</p>;
  return (
    <div className="counts" data-testid="counts-chart">
      {rows.map((r) => {
        const expected = figure(r, 'expected') as number;
        const actual = figure(r, 'actual') as number;
        const lost = figure(r, 'lost') ?? expected - actual;
        const share = expected > 0 ? Math.min(1, Math.max(0, actual / expected)) : 0;
        const pct = expected > 0 ? (lost / expected) * 100 : 0;
        return (
          <div key={`${r.stepId} ${r.mode}`} className="count-row" data-step={r.step} data-lost={lost}>
            <div className="count-head">
              <span className="count-step">{r.step}</span>
              <span className={lost > 0 ? 'count-lost bad' : 'count-lost good'}>
                {lost > 0 ? `${groupDigits(lost)} lost` : 'nothing lost'}
                {lost > 0 ? <span className="count-pct"> ({pct < 0.1 ? pct.toFixed(3) : pct.toFixed(1)} %)</span> : null}
              </span>
            </div>
            <div className="count-track" role="img" aria-label={`${r.step}: counted ${groupDigits(actual)} of ${groupDigits(expected)}`}>
              <div className={`count-fill chip-${r.mode}`} style={{ width: `${share * 100}%` }} />
              {/* Even a few lost increments get a visible sliver: "some were lost" is the lesson. */}
              {lost > 0 ? <div className="count-gap" /> : null}
            </div>
            <div className="count-foot">
              counted <strong>{groupDigits(actual)}</strong> of {groupDigits(expected)} expected
            </div>
          </div>
        );
      })}
    </div>
  );
}
