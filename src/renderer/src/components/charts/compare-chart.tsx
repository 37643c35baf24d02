/**
 * The run shown on both engines: for each step, the simulation's bar beside CPython's, speedups
 * where the steps have them (else wall times), so "is this what my Python really does?" is
 * answered by two bars of the same height, or not.
 */
import type { ChartConfiguration } from 'chart.js';
import type { MetricColumn } from '../../../../shared/experiments';
import type { ModeResult } from '../../../../shared/results';
import { keyMetric, pairSteps, pythonOf, pythonShortName } from '../../../../shared/side-by-side';
import { axisTitle, barValues, frameOptions, look, referenceLine, tickFont } from '../../drawing/charts';
import type { ThemeName } from '../../drawing/look';
import { cssVar } from '../../drawing/theme-vars';
import { fixedText, groupedText } from '../../../../shared/format';
import { wrapLabel } from '../../drawing/charts';
import { MODE_VAR } from '../../drawing/palette';
import { useChart } from './use-chart';

interface Props {
  results: readonly ModeResult[];
  /** The lesson's own figures: without speedups, its key one is drawn (else the wall time). */
  metrics: readonly MetricColumn[];
  theme: ThemeName;
}

export function CompareChart({ results, metrics, theme }: Props) {
  const all = pairSteps(results).filter((p) => p.lab || p.real);
  const bySpeedup = all.some((p) => p.lab?.speedup != null && p.real?.speedup != null);
  const metric = bySpeedup ? null : keyMetric(results, metrics);
  const unit = metric ? (metric.unit ?? '') : 's';
  const value = (r: ModeResult | null): number | null => (r === null ? null : bySpeedup ? r.speedup : metric ? (r.metrics[metric.key] ?? null) : r.wallMs / 1000);
  const pairs = bySpeedup ? all.filter((p) => value(p.lab) !== null || value(p.real) !== null) : all;
  const real = pythonShortName(pythonOf(results));
  const top = Math.max(bySpeedup ? 2 : 0, ...pairs.flatMap((p) => [value(p.lab) ?? 0, value(p.real) ?? 0]));

  const ref = useChart<'bar'>(() => {
    const kit = look();
    // Counts grouped as the table groups them (2,992,759), so the bars and the table read alike.
    const format = (v: number): string => (bySpeedup ? fixedText(v, 2, 'x') : `${groupedText(v, metric ? metric.digits : 2)} ${unit}`.trim());
    const config: ChartConfiguration<'bar'> = {
      type: 'bar',
      data: {
        labels: pairs.map((p) => wrapLabel(p.label)),
        datasets: [
          {
            label: 'simulation',
            data: pairs.map((p) => value(p.lab)) as number[],
            backgroundColor: pairs.map((p) => cssVar(MODE_VAR[p.lab?.mode ?? p.real?.mode ?? 'sequential'])),
            borderRadius: 3,
            maxBarThickness: 70,
          },
          {
            label: real,
            data: pairs.map((p) => value(p.real)) as number[],
            backgroundColor: cssVar('--real-run'),
            borderColor: cssVar('--text'),
            borderWidth: 1,
            borderRadius: 3,
            maxBarThickness: 70,
          },
        ],
      },
      options: {
        ...frameOptions(),
        layout: { padding: { top: 26 } },
        plugins: {
          legend: { display: true, position: 'top', align: 'end', labels: { color: kit.text, font: { family: kit.family, size: tickFont(kit).font.size } } },
          tooltip: { callbacks: { label: (item) => `${item.dataset.label ?? ''}: ${format(item.parsed.y ?? 0)}` } },
        },
        scales: {
          x: { ticks: tickFont(kit), grid: { display: false } },
          y: {
            beginAtZero: true,
            suggestedMax: top * 1.15,
            title: axisTitle(kit, bySpeedup ? 'speedup vs sequential' : metric ? `${metric.label}${unit ? `, ${unit}` : ''}` : 'wall time, s'),
            ticks: { ...tickFont(kit), callback: (v) => (bySpeedup ? `${v}x` : `${Number.isInteger(Number(v)) ? groupedText(Number(v), 0) : v} ${unit}`.trim()) },
            grid: { color: kit.grid },
          },
        },
      },
      plugins: [...(bySpeedup ? [referenceLine(1, '1x')] : []), barValues((v) => format(v))],
    };
    return config;
  }, [results, metrics, theme]);

  return (
    <div className="chart-frame">
      <div className="chart-box-inline">
        <canvas ref={ref} data-testid="compare-chart" role="img" aria-label={`${bySpeedup ? 'Speedup' : metric ? metric.label : 'Wall time'} of each step: the simulation beside ${real}`} />
      </div>
    </div>
  );
}
