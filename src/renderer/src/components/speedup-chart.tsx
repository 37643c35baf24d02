/**
 * Speedups of the session's runs side by side, one group per run, one bar per mode, with the 1x
 * line every bar is judged against. The latest run is drawn solid and labelled; older runs fade.
 */
import { useEffect, useRef } from 'react';
import type { ChartConfiguration, Plugin } from 'chart.js';
import { MODES, type Mode } from '../../../shared/experiments';
import type { ModeResult } from '../../../shared/results';
import { Chart } from '../charts/register';
import { withAlpha } from '../lib/colour';
import { MODE_LABEL, times } from '../lib/format';
import { cssVar, fontFamily, type ThemeName } from '../lib/theme';
import type { RunRecord } from '../state/session';

/** Runs shown in the chart; the table keeps them all. */
export const CHART_RUNS = 8;

interface Props {
  runs: readonly RunRecord[];
  results: readonly ModeResult[];
  theme: ThemeName;
}

type Bars = Chart<'bar', (number | null)[], string[]>;

const MODE_VAR: Readonly<Record<Mode, string>> = { sequential: '--seq', threads: '--hold', processes: '--free' };

/** The dashed 1x line and the value over each bar of the latest run. */
const decorations: Plugin<'bar'> = {
  id: 'speedupDecor',
  afterDatasetsDraw(chart) {
    const { ctx, chartArea, scales } = chart;
    const y = scales.y;
    if (!y) return;
    ctx.save();
    const one = y.getPixelForValue(1);
    ctx.strokeStyle = cssVar('--muted');
    ctx.setLineDash([6, 5]);
    ctx.lineWidth = 1.5;
    ctx.beginPath();
    ctx.moveTo(chartArea.left, one);
    ctx.lineTo(chartArea.right, one);
    ctx.stroke();
    ctx.setLineDash([]);
    ctx.fillStyle = cssVar('--text');
    ctx.font = `700 16px ${fontFamily()}`;
    ctx.textAlign = 'center';
    ctx.textBaseline = 'bottom';
    const last = (chart.data.labels?.length ?? 0) - 1;
    chart.data.datasets.forEach((dataset, d) => {
      const meta = chart.getDatasetMeta(d);
      if (meta.hidden) return;
      const value = dataset.data[last];
      const bar = meta.data[last];
      if (typeof value === 'number' && bar) ctx.fillText(times(value), bar.x, bar.y - 4);
    });
    ctx.restore();
  },
};

function chartData(runs: readonly RunRecord[], results: readonly ModeResult[]) {
  const shown = runs.filter((run) => results.some((r) => r.runId === run.runId && r.speedup !== null)).slice(-CHART_RUNS);
  const modes = MODES.filter((mode) => results.some((r) => r.mode === mode && shown.some((run) => run.runId === r.runId)));
  return {
    labels: shown.map((run) => [`#${run.number}`, `${run.experiment} · ${run.workers}w`]),
    datasets: modes.map((mode) => ({
      label: MODE_LABEL[mode],
      mode,
      data: shown.map((run) => results.find((r) => r.runId === run.runId && r.mode === mode)?.speedup ?? null),
    })),
  };
}

/** The bar chart; its data is replaced in place when results arrive. */
export function SpeedupChart({ runs, results, theme }: Props) {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const chartRef = useRef<Bars | null>(null);

  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas) return;
    const text = cssVar('--muted');
    const grid = cssVar('--grid');
    const family = fontFamily();
    const config: ChartConfiguration<'bar', (number | null)[], string[]> = {
      type: 'bar',
      data: { labels: [], datasets: [] },
      options: {
        animation: false,
        responsive: true,
        maintainAspectRatio: false,
        layout: { padding: { top: 24 } },
        plugins: {
          legend: {
            position: 'top',
            align: 'end',
            labels: {
              color: cssVar('--text'),
              font: { family, size: 15 },
              boxWidth: 18,
              // Older runs are faded; the key shows each mode's full colour.
              generateLabels: (chart) =>
                Chart.defaults.plugins.legend.labels.generateLabels(chart).map((item) => {
                  const solid = chart.data.datasets[item.datasetIndex ?? 0]?.borderColor;
                  return typeof solid === 'string' ? { ...item, fillStyle: solid, strokeStyle: solid } : item;
                }),
            },
          },
          tooltip: { callbacks: { label: (item) => `${item.dataset.label ?? ''}: ${times(item.parsed.y)}` } },
        },
        scales: {
          x: { ticks: { color: text, font: { family, size: 14 } }, grid: { display: false } },
          y: {
            beginAtZero: true,
            suggestedMax: 2,
            title: { display: true, text: 'speedup vs sequential', color: text, font: { family, size: 14 } },
            ticks: { color: text, font: { family, size: 14 }, callback: (v) => `${v}x` },
            grid: { color: grid },
          },
        },
      },
      plugins: [decorations],
    };
    const chart = new Chart(canvas, config);
    chartRef.current = chart;
    return () => {
      chartRef.current = null;
      chart.destroy();
    };
  }, [theme]);

  useEffect(() => {
    const chart = chartRef.current;
    if (!chart) return;
    const { labels, datasets } = chartData(runs, results);
    const last = labels.length - 1;
    chart.data.labels = labels;
    chart.data.datasets = datasets.map(({ label, mode, data }) => {
      const colour = cssVar(MODE_VAR[mode]);
      return {
        label,
        data,
        backgroundColor: data.map((_, i) => (i === last ? colour : withAlpha(colour, 0.35))),
        borderColor: colour,
        borderWidth: data.map((_, i) => (i === last ? 0 : 1)),
        borderRadius: 3,
        maxBarThickness: 64,
      };
    });
    chart.update('none');
  }, [runs, results, theme]);

  return (
    <div className="chart-box">
      <canvas ref={canvasRef} data-testid="speedup-chart" role="img" aria-label="Speedup of each mode, grouped by run" />
    </div>
  );
}
