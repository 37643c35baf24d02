/**
 * The decision table: workloads down, strategies across, each cell the speedup measured on this
 * machine, the best of each workload highlighted. A table, not a chart: it is read, row by row.
 */
import { MODE_TITLE as MODE_LABEL, timesText } from '../../../../shared/format';
import { MODES, type Mode } from '../../../../shared/experiments';
import type { ModeResult } from '../../../../shared/results';

interface Props {
  results: readonly ModeResult[];
}

const isBest = (r: ModeResult | undefined, row: readonly ModeResult[]): boolean => {
  if (!r) return false;
  if (row.some((x) => x.metrics['best'] === 1)) return r.metrics['best'] === 1;
  const top = Math.max(...row.map((x) => x.speedup ?? Number.NEGATIVE_INFINITY));
  return r.speedup !== null && r.speedup === top;
};

export function StrategyTable({ results }: Props) {
  const workloads = [...new Set(results.map((r) => r.step))];
  const strategies: Mode[] = MODES.filter((m) => results.some((r) => r.mode === m));
  if (workloads.length === 0) return <p className="chart-empty">Run the lesson to fill the table with this machine's numbers.</p>;
  const quick = results.some((r) => r.metrics['measuredEarlier'] === 0);
  return (
    <div className="strategy-frame">
    <table className="strategy-table" data-testid="strategy-table">
      <thead>
        <tr>
          <th scope="col">Workload</th>
          {strategies.map((m) => (
            <th key={m} scope="col" className="num">
              {MODE_LABEL[m]}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {workloads.map((workload) => {
          const row = results.filter((r) => r.step === workload);
          return (
            <tr key={workload} data-workload={workload}>
              <th scope="row">{workload}</th>
              {strategies.map((m) => {
                const cell = row.find((r) => r.mode === m);
                const best = isBest(cell, row);
                return (
                  <td key={m} className={best ? 'num best' : 'num'} data-mode={m} data-best={best ? 'true' : undefined}>
                    {cell ? timesText(cell.speedup) : <span className="muted">·</span>}
                    {cell && cell.metrics['measuredEarlier'] === 0 ? <sup className="muted">†</sup> : null}
                    {best ? (
                      <span className="best-mark" aria-label="best for this workload">
                        ✓
                      </span>
                    ) : null}
                  </td>
                );
              })}
            </tr>
          );
        })}
      </tbody>
    </table>
      <p className="strategy-note">
        ✓ best for the workload{quick ? ' · † measured by a quick run now; the rest come from the lessons you ran' : ' · every figure comes from a lesson you ran'}.
      </p>
    </div>
  );
}
