/**
 * Turn-taking at each switch interval: the interval asked for, how long a thread really held the
 * GIL (median), and how long a waiting thread waited (median), with the switches per second
 * under each group. Holds track the interval; waits grow with it.
 */
import type { ChartConfiguration } from 'chart.js';
import { groupDigits, msText } from '../../../../shared/format';
import type { ModeResult } from '../../../../shared/results';
import { withAlpha } from '../../drawing/colour';
import { cssVar } from '../../drawing/theme-vars';
import { fontPx, type ThemeName } from '../../drawing/look';
import { axisTitle, barValues, frameOptions, look, tickFont } from '../../drawing/charts';
import { useChart } from './use-chart';

interface Props {
  results: readonly ModeResult[];
  theme: ThemeName;
}

const figure = (r: ModeResult, key: string): number | null => {
  const v = r.metrics[key];
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
};

export function IntervalChart({ results, theme }: Props) {
  const steps = results
    .filter((r) => figure(r, 'intervalMs') !== null || figure(r, 'medianHoldMs') !== null)
    .sort((a, b) => (figure(a, 'intervalMs') ?? a.switchMs) - (figure(b, 'intervalMs') ?? b.switchMs));

  const ref = useChart<'bar'>(() => {
    const kit = look();
    const { text, grid, family } = kit;
    const muted = cssVar('--muted');
    const series = [
      { label: 'interval set', key: 'intervalMs', colour: withAlpha(muted, 0.45), border: muted },
      { label: 'median hold', key: 'medianHoldMs', colour: cssVar('--hold'), border: cssVar('--hold') },
      { label: 'median wait', key: 'medianWaitMs', colour: cssVar('--wait-stripe'), border: cssVar('--wait-stripe') },
    ];
    const config: ChartConfiguration<'bar'> = {
      type: 'bar',
      data: {
        labels: steps.map((r) => {
          const rate = figure(r, 'switchesPerSecond');
          return rate !== null ? [r.step, `${groupDigits(rate)} switches/s`] : [r.step];
        }),
        datasets: series.map((s) => ({
          label: s.label,
          data: steps.map((r) => figure(r, s.key) ?? (s.key === 'intervalMs' ? r.switchMs : null)) as number[],
          backgroundColor: s.colour,
          borderColor: s.border,
          borderWidth: 1,
          borderRadius: 3,
          maxBarThickness: 60,
        })),
      },
      options: {
        ...frameOptions(),
        layout: { padding: { top: 22 } },
        plugins: {
          legend: { position: 'top', align: 'end', labels: { color: text, font: { family, size: fontPx(15) }, boxWidth: 20 } },
          tooltip: { callbacks: { label: (item) => `${item.dataset.label ?? ''}: ${msText(item.parsed.y ?? 0)}` } },
        },
        scales: {
          x: { ticks: tickFont(kit), grid: { display: false } },
          y: {
            beginAtZero: true,
            title: axisTitle(kit, 'milliseconds'),
            ticks: tickFont(kit),
            grid: { color: grid },
          },
        },
      },
      plugins: [barValues((v) => msText(v).replace(' ms', ''))],
    };
    return config;
  }, [results, theme]);

  if (steps.length === 0) return <p className="chart-empty">Run the lesson to compare the intervals.</p>;
  return (
    <div className="chart-frame">
      <div className="chart-box-inline">
        <canvas ref={ref} data-testid="interval-chart" role="img" aria-label="Interval, median hold and median wait at each switch interval" />
      </div>
    </div>
  );
}
