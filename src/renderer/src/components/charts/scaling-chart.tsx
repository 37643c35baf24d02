/**
 * The scaling curve: speedup against the number of workers, threads and processes, with the
 * dashed ideal min(workers, cores). Threads lie flat on 1x; processes climb the ideal until the
 * cores run out.
 */
import type { ChartConfiguration } from 'chart.js';
import type { ModeResult } from '../../../../shared/results';
import { fixedText } from '../../../../shared/format';
import { cssVar } from '../../drawing/theme-vars';
import { fontPx, type ThemeName } from '../../drawing/look';
import { axisTitle, frameOptions, look, tickFont } from '../../drawing/charts';
import { useChart } from './use-chart';

interface Props {
  results: readonly ModeResult[];
  cores: number;
  theme: ThemeName;
}

export function ScalingChart({ results, cores, theme }: Props) {
  const points = results.filter((r) => (r.mode === 'threads' || r.mode === 'processes') && r.speedup !== null);
  const counts = [...new Set(points.map((r) => r.workers))].sort((a, b) => a - b);
  const top = Math.max(2, ...points.map((r) => r.speedup as number), ...counts.map((n) => Math.min(n, cores)));

  const ref = useChart<'line'>(() => {
    const kit = look();
    const { text, grid, family } = kit;
    const line = (mode: 'threads' | 'processes', label: string, colour: string) => ({
      label,
      data: counts.map((n) => points.find((r) => r.mode === mode && r.workers === n)?.speedup ?? null) as number[],
      borderColor: colour,
      backgroundColor: colour,
      borderWidth: 4,
      pointRadius: 6,
      pointHoverRadius: 7,
      tension: 0,
      spanGaps: true,
    });
    const config: ChartConfiguration<'line'> = {
      type: 'line',
      data: {
        labels: counts.map(String),
        datasets: [
          {
            label: `ideal: min(workers, ${cores} cores)`,
            data: counts.map((n) => Math.min(n, cores)),
            borderColor: cssVar('--muted'),
            backgroundColor: cssVar('--muted'),
            borderDash: [7, 6],
            borderWidth: 2,
            pointRadius: 0,
            tension: 0,
          },
          line('processes', 'processes', cssVar('--free')),
          line('threads', 'threads', cssVar('--hold')),
        ],
      },
      options: {
        ...frameOptions(),
        plugins: {
          legend: { position: 'top', align: 'end', labels: { color: text, font: { family, size: fontPx(15) }, boxWidth: 22 } },
          tooltip: { callbacks: { label: (item) => `${item.dataset.label ?? ''}: ${fixedText(item.parsed.y, 2, 'x')}` } },
        },
        scales: {
          x: {
            title: axisTitle(kit, 'workers'),
            ticks: tickFont(kit),
            grid: { color: grid },
          },
          y: {
            beginAtZero: true,
            suggestedMax: Math.ceil(top * 1.1),
            title: axisTitle(kit, 'speedup'),
            ticks: { ...tickFont(kit), callback: (v) => `${v}x` },
            grid: { color: grid },
          },
        },
      },
    };
    return config;
  }, [results, cores, theme]);

  return (
    <div className="chart-frame">
      <div className="chart-box-inline">
        <canvas ref={ref} data-testid="scaling-chart" role="img" aria-label="Speedup against workers, threads and processes, with the ideal line" />
      </div>
    </div>
  );
}
