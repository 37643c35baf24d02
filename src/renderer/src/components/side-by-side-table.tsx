/**
 * One run on both engines, step by step: the simulation's figures beside CPython's and their
 * ratio (lab / CPython). A ratio near 1 says the simulation tells what this Python does here.
 */
import type { MetricColumn } from '../../../shared/experiments';
import type { ModeResult } from '../../../shared/results';
import { agrees, keyMetric, METRIC_BAND, pairSteps, pythonOf, pythonShortName, ratio, rowMetric, type StepPair } from '../../../shared/side-by-side';
import { fixedText, groupedText, MISSING, secondsFigure } from '../../../shared/format';

interface Props {
  results: readonly ModeResult[];
  /** The lesson's own figures: where steps have no speedup, the key one is compared instead. */
  metrics: readonly MetricColumn[];
}

const ratioText = (r: number | null): string => fixedText(r, 2);

export function SideBySideTable({ results, metrics }: Props) {
  const pairs = pairSteps(results);
  const python = pythonOf(results);
  const real = pythonShortName(python);
  const speedups = pairs.some((p) => p.lab?.speedup != null || p.real?.speedup != null);
  const metric = speedups ? null : keyMetric(results, metrics);
  const unit = metric?.unit ? ` ${metric.unit}` : '';
  // CPython's baseline timed around each step (withSpeedupAround): its speedups say so.
  const around = pairs.some((p) => p.real?.metrics['speedupFirstBaseline'] != null);
  return (
    <div className="table-scroll">
      <table className="results-table side-by-side" data-testid="side-by-side" title={python ? `${real}: ${python.executable}` : undefined}>
        <thead>
          <tr>
            <th scope="col">Step</th>
            {speedups ? (
              <>
                <th scope="col" className="num">
                  Simulation
                </th>
                <th scope="col" className="num real-col" title={around ? `${real}'s speedups against its baseline as timed around each step` : undefined}>
                  {real}
                  {around ? <span className="sub-head" data-testid="side-by-side-around">baseline around</span> : null}
                </th>
                <th scope="col" className="num" title="The simulation's speedup over CPython's: 1.00 is the same figure">
                  Lab / CPython
                </th>
              </>
            ) : null}
            {metric ? (
              <>
                <th scope="col" className="num">
                  {metric.label}
                  {unit}
                  <span className="sub-head">simulation</span>
                </th>
                <th scope="col" className="num real-col">
                  {metric.label}
                  {unit}
                  <span className="sub-head">{real}</span>
                </th>
                <th scope="col" className="num" title="The simulation's figure over CPython's: 1.00 is the same figure">
                  Lab / CPython
                </th>
              </>
            ) : null}
            <th scope="col" className="num">
              Wall{'\u00a0'}s
              <span className="sub-head">sim · real</span>
            </th>
            <th scope="col" className="num" title="Cores the step's own workers used: CPU time over wall time">
              Cores{'\u00a0'}used
              <span className="sub-head">sim · real</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {pairs.map((p) => {
            const own = speedups && p.speedupRatio === null ? rowMetric(p, metrics) : null;
            return (
              <tr key={p.stepId} data-testid="side-by-side-row" data-step={p.stepId}>
                <th scope="row">{p.label}</th>
                {own ? (
                  <RowMetricCells pair={p} metric={own} />
                ) : speedups ? (
                  <>
                    <td className="num">{fixedText(p.lab?.speedup, 2, 'x')}</td>
                    <td className="num real-col" title={firstBaselineTitle(p.real?.metrics['speedupFirstBaseline'])}>
                      {fixedText(p.real?.speedup, 2, 'x')}
                    </td>
                    <td className={`num ratio ${p.speedupRatio === null ? '' : agrees(p.speedupRatio) ? 'agree' : 'differ'}`} data-testid="side-by-side-ratio">
                      {ratioText(p.speedupRatio)}
                    </td>
                  </>
                ) : null}
                {metric ? <MetricCells lab={p.lab?.metrics[metric.key]} real={p.real?.metrics[metric.key]} digits={metric.digits} /> : null}
                <td className="num">
                  {p.lab ? secondsFigure(p.lab.wallMs) : MISSING} · {p.real ? secondsFigure(p.real.wallMs) : MISSING}
                </td>
                <td className="num">
                  {fixedText(p.lab?.coresUsed, 2)} · {fixedText(p.real?.coresUsed, 2)}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

/** The figure a steady-baseline speedup replaced, for the cell's title. */
const firstBaselineTitle = (first: number | null | undefined): string | undefined =>
  first == null ? undefined : `Against the baseline around this step; against the first baseline: ${fixedText(first, 2, 'x')}`;

/** A step with no speedup among steps with one: its own figure, with its unit, in the speedup's columns. */
function RowMetricCells({ pair, metric }: { pair: StepPair; metric: MetricColumn }) {
  const unit = metric.unit ? ` ${metric.unit}` : '';
  const shown = (v: number | null | undefined): string => (v == null ? MISSING : `${groupedText(v, metric.digits)}${unit}`);
  const lab = pair.lab?.metrics[metric.key];
  const real = pair.real?.metrics[metric.key];
  const r = ratio(lab, real);
  return (
    <>
      <td className="num" title={metric.label}>
        {shown(lab)}
      </td>
      <td className="num real-col" title={metric.label}>
        {shown(real)}
      </td>
      <td className={`num ratio ${r === null ? '' : agrees(r, METRIC_BAND) ? 'agree' : 'differ'}`} data-testid="side-by-side-ratio" title={`${metric.label}: the simulation's over CPython's`}>
        {ratioText(r)}
      </td>
    </>
  );
}

function MetricCells({ lab, real, digits }: { lab: number | null | undefined; real: number | null | undefined; digits: number }) {
  const r = ratio(lab, real);
  return (
    <>
      <td className="num">{groupedText(lab, digits)}</td>
      <td className="num real-col">{groupedText(real, digits)}</td>
      <td className={`num ratio ${r === null ? '' : agrees(r, METRIC_BAND) ? 'agree' : 'differ'}`} data-testid="side-by-side-ratio">
        {ratioText(r)}
      </td>
    </>
  );
}
