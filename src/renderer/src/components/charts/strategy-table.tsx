/**
 * The decision table: workloads down, strategies across, each cell the speedup of that strategy on
 * the row's one piece of work (its own sequential run is the baseline), the best of each row
 * highlighted. Rows and cells are found by the lesson's typed step ids and modes, never by label.
 * A table, not a chart: it is read, row by row.
 */
import { timesText } from '../../../../shared/format';
import { MODES, type Mode } from '../../../../shared/experiments';
import type { ModeResult } from '../../../../shared/results';
import { asGoodAsBest, contendersOf, rowOf } from '../../../../lessons/strategy/explain';
import { STEPS, WORKLOADS } from '../../../../lessons/strategy/lesson';
import { bandwidthCeiling, bandwidthPoints, workloadText } from '../../../../lessons/strategy/workloads';
import { MODE_LABEL } from '../format';

interface Props {
  results: readonly ModeResult[];
}

/** Column headings: the hybrid column is threads with a process pool; asyncio in the hybrid row has one too. */
const heading = (mode: Mode): string => (mode === 'hybrid' ? 'Threads + pool' : MODE_LABEL[mode]);

export function StrategyTable({ results }: Props) {
  const rows = WORKLOADS.map((step) => ({ step, row: rowOf(results, step) })).filter((r) => r.row.length > 0);
  const strategies: Mode[] = MODES.filter((m) => rows.some(({ row }) => contendersOf(row).some((r) => r.mode === m)));
  if (rows.length === 0) return <p className="chart-empty">Run the lesson to fill the table with this machine's numbers.</p>;
  const ceiling = bandwidthCeiling(bandwidthPoints(results));
  return (
    <div className="strategy-frame">
      <table className="strategy-table" data-testid="strategy-table">
        <thead>
          <tr>
            <th scope="col">Workload</th>
            {strategies.map((m) => (
              <th key={m} scope="col" className="num">
                {heading(m)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map(({ step, row }) => {
            const good = asGoodAsBest(row);
            const work = workloadText(step, row);
            return (
              <tr key={step} data-workload={step}>
                <th scope="row">
                  {STEPS[step]}
                  {work ? <span className="strategy-work">{work}</span> : null}
                </th>
                {strategies.map((m) => {
                  const cell = contendersOf(row).find((r) => r.mode === m);
                  const isBest = cell !== undefined && good.includes(cell);
                  return (
                    <td key={m} className={isBest ? 'num best' : 'num'} data-mode={m} data-best={isBest ? 'true' : undefined}>
                      {cell ? timesText(cell.speedup) : <span className="muted">·</span>}
                      {cell && step === 'hybrid' && m === 'asyncio' ? <sup className="muted">‡</sup> : null}
                      {isBest ? (
                        <span className="best-mark" aria-label="best for this workload, or within a tenth of it">
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
        ✓ best, or within a tenth of it · each row one piece of work, its speedups against it run in sequence
        {rows.some(({ step, row }) => step === 'hybrid' && row.some((r) => r.mode === 'asyncio')) ? ' · ‡ asyncio + process pool' : ''}
        {rows.some(({ step }) => step === 'gpu') ? ' · GPU: a modelled wait, GIL released' : ''}
        {ceiling && ceiling.most.workers > 1
          ? ` · memory bandwidth measured: ${ceiling.alone.gbps.toFixed(1)} GB/s with 1 worker, ${ceiling.most.gbps.toFixed(1)} GB/s with ${ceiling.most.workers}`
          : ''}
        .
      </p>
    </div>
  );
}
