/** Picks the picture a lesson's results are drawn as (its ChartKind in the catalogue). */
import type { ChartKind } from '../../../../shared/experiments';
import type { ModeResult } from '../../../../shared/results';
import type { ThemeName } from '../../drawing/look';
import { CostsChart } from './costs-chart';
import { CountsChart } from './counts-chart';
import { DeadlockDiagram } from './deadlock-diagram';
import { IntervalChart } from './interval-chart';
import { LatencyChart } from './latency-chart';
import { ScalingChart } from './scaling-chart';
import { SpeedupChart } from './speedup-chart';
import { StrategyTable } from './strategy-table';

export interface ResultsChartProps {
  kind: ChartKind;
  /** The run shown, in measured order. */
  results: readonly ModeResult[];
  number: number | null;
  /** Earlier runs of the same lesson, oldest first (the speedup chart shows them faded). */
  earlier: readonly { number: number; results: readonly ModeResult[] }[];
  /** Row names of the first step's workers (the deadlock diagram names its threads with them). */
  labels: readonly string[];
  cores: number;
  theme: ThemeName;
}

export function ResultsChart(props: ResultsChartProps) {
  const { kind, results, theme, cores } = props;
  switch (kind) {
    case 'scaling':
      return <ScalingChart results={results} cores={cores} theme={theme} />;
    case 'counts':
      return <CountsChart results={results} />;
    case 'interval':
      return <IntervalChart results={results} theme={theme} />;
    case 'latency':
      return <LatencyChart results={results} theme={theme} />;
    case 'costs':
      return <CostsChart results={results} />;
    case 'deadlock':
      return <DeadlockDiagram results={results} labels={props.labels} />;
    case 'strategy':
      return <StrategyTable results={results} />;
    case 'speedup':
      return <SpeedupChart results={results} earlier={props.earlier} number={props.number} cores={cores} theme={theme} />;
  }
}

/** Kinds whose picture needs more of the panel's width than the table. */
export const WIDE_KINDS: readonly ChartKind[] = ['deadlock', 'strategy'];
