/**
 * The convoy effect in one picture: the I/O thread's median response in each step, as horizontal
 * bars (the step names are long), each labelled with its time and how much slower than alone.
 */
import type { ChartConfiguration } from 'chart.js';
import { msText, timesText } from '../../../../shared/format';
import type { ModeResult } from '../../../../shared/results';
import { withAlpha } from '../../drawing/colour';
import { MODE_VAR } from '../../drawing/palette';
import { cssVar } from '../../drawing/theme-vars';
import { fontPx, type ThemeName } from '../../drawing/look';
import { axisTitle, barValues, frameOptions, look, tickFont, wrapLabel } from '../../drawing/charts';
import { useChart } from './use-chart';

interface Props {
  results: readonly ModeResult[];
  theme: ThemeName;
}

const figure = (r: ModeResult | undefined, key: string): number | null => {
  const v = r?.metrics[key];
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
};

export function LatencyChart({ results, theme }: Props) {
  const steps = results.filter((r) => figure(r, 'medianLatencyMs') !== null);
  const alone = figure(steps[0], 'medianLatencyMs');
  const top = Math.max(1, ...steps.map((r) => Math.max(figure(r, 'medianLatencyMs') ?? 0, figure(r, 'p95LatencyMs') ?? 0)));

  const ref = useChart<'bar'>(() => {
    const kit = look();
    const { text, grid, family } = kit;
    const colours = steps.map((r, i) => cssVar(i === 0 ? '--io' : MODE_VAR[r.mode]));
    const config: ChartConfiguration<'bar'> = {
      type: 'bar',
      data: {
        labels: steps.map((r) => wrapLabel(r.step, 13)),
        datasets: [
          {
            label: 'median response',
            data: steps.map((r) => figure(r, 'medianLatencyMs')) as number[],
            backgroundColor: colours,
            borderRadius: 3,
            maxBarThickness: 46,
          },
          {
            label: '95th percentile',
            data: steps.map((r) => figure(r, 'p95LatencyMs')) as number[],
            backgroundColor: colours.map((c) => withAlpha(c, 0.3)),
            borderColor: colours,
            borderWidth: 1,
            borderRadius: 3,
            maxBarThickness: 22,
          },
        ],
      },
      options: {
        indexAxis: 'y',
        ...frameOptions(),
        layout: { padding: { right: 160 } },
        plugins: {
          legend: { position: 'top', align: 'end', labels: { color: text, font: { family, size: fontPx(15) }, boxWidth: 20 } },
          tooltip: { callbacks: { label: (item) => `${item.dataset.label ?? ''}: ${msText(item.parsed.x ?? 0)}` } },
        },
        scales: {
          x: {
            beginAtZero: true,
            suggestedMax: top * 1.05,
            title: axisTitle(kit, 'response time, ms'),
            ticks: tickFont(kit),
            grid: { color: grid },
          },
          y: { ticks: { color: text, font: { family, size: fontPx(16) } }, grid: { display: false } },
        },
      },
      plugins: [
        barValues(
          (v, _d, i) => {
            const slower = figure(steps[i], 'slowdown') ?? (alone ? v / alone : null);
            return i > 0 && slower !== null ? `${msText(v)} · ${timesText(slower)}` : msText(v);
          },
          (d) => d === 0,
        ),
      ],
    };
    return config;
  }, [results, theme]);

  if (steps.length === 0) return <p className="chart-empty">Run the lesson to time the I/O thread's responses.</p>;
  return (
    <div className="chart-frame">
      <div className="chart-box-inline">
        <canvas ref={ref} data-testid="latency-chart" role="img" aria-label="Median response time of the I/O thread in each step" />
      </div>
    </div>
  );
}
