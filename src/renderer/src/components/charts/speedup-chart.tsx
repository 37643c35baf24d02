/**
 * Speedup of each step of the run shown, one bar per step in the mode's colour, judged against
 * the dashed 1x line and the ceiling of this machine's cores. Earlier runs of the same lesson
 * stand faded beside them, so a changed setting can be compared with the last one.
 */
import type { ChartConfiguration } from 'chart.js';
import type { Mode } from '../../../../shared/experiments';
import type { ModeResult } from '../../../../shared/results';
import { withAlpha } from '../../drawing/colour';
import { fixedText } from '../../../../shared/format';
import { MODE_VAR } from '../../drawing/palette';
import type { ThemeName } from '../../drawing/look';
import { cssVar } from '../../drawing/theme-vars';
import { axisTitle, barValues, frameOptions, look, referenceLine, tickFont, wrapLabel } from '../../drawing/charts';
import { useChart } from './use-chart';

/** Earlier runs drawn beside the one shown. */
export const EARLIER_RUNS = 3;

interface Props {
  results: readonly ModeResult[];
  /** Earlier runs of the lesson, oldest first, each with its number. */
  earlier: readonly { number: number; results: readonly ModeResult[] }[];
  number: number | null;
  cores: number;
  theme: ThemeName;
}

const PARALLEL: readonly Mode[] = ['processes', 'native', 'free-threaded', 'hybrid'];

export function SpeedupChart({ results, earlier, number, cores, theme }: Props) {
  const measured = results.filter((r) => r.speedup !== null);
  // Earlier runs are matched by step id, so a step keeps its place whatever it is called.
  const steps = measured.map((r) => ({ id: r.stepId, label: r.step }));
  const older = earlier.slice(-EARLIER_RUNS);
  const parallel = measured.filter((r) => PARALLEL.includes(r.mode) && r.workers > 1);
  const ceiling = parallel.length > 0 ? Math.min(cores, Math.max(...parallel.map((r) => r.workers))) : null;
  const top = Math.max(2, ...measured.map((r) => r.speedup as number), ...older.flatMap((o) => o.results.map((r) => r.speedup ?? 0)), ceiling ?? 0);

  const ref = useChart<'bar'>(() => {
    const kit = look();
    const { grid } = kit;
    const series = [...older.map((o) => ({ ...o, solid: false })), { number: number ?? 0, results, solid: true }];
    const config: ChartConfiguration<'bar'> = {
      type: 'bar',
      data: {
        labels: steps.map((s) => wrapLabel(s.label)),
        datasets: series.map((run) => {
          const cells = steps.map((step) => run.results.find((r) => r.stepId === step.id));
          const colours = cells.map((r) => cssVar(MODE_VAR[r?.mode ?? 'sequential']));
          return {
            label: `#${run.number}`,
            data: cells.map((r) => r?.speedup ?? null) as number[],
            backgroundColor: colours.map((c) => (run.solid ? c : withAlpha(c, 0.3))),
            borderColor: colours,
            borderWidth: run.solid ? 0 : 1,
            borderRadius: 3,
            maxBarThickness: 90,
          };
        }),
      },
      options: {
        ...frameOptions(),
        layout: { padding: { top: 26 } },
        plugins: { legend: { display: false }, tooltip: { callbacks: { label: (item) => `${item.dataset.label ?? ''}: ${fixedText(item.parsed.y, 2, 'x')}` } } },
        scales: {
          x: { ticks: tickFont(kit), grid: { display: false } },
          y: {
            beginAtZero: true,
            suggestedMax: Math.ceil(top * 1.15),
            title: axisTitle(kit, 'speedup vs sequential'),
            ticks: { ...tickFont(kit), callback: (v) => `${v}x` },
            grid: { color: grid },
          },
        },
      },
      plugins: [
        referenceLine(1, '1x'),
        ...(ceiling !== null && ceiling > 1 ? [referenceLine(ceiling, `${ceiling} cores`)] : []),
        barValues((v) => fixedText(v, 2, 'x'), (d) => d === series.length - 1),
      ],
    };
    return config;
  }, [results, earlier, number, cores, theme]);

  if (measured.length === 0) {
    return (
      <p className="chart-empty" data-testid="speedup-chart">
        The speedup of each step, against doing the same work in sequence, is drawn here after a run.
      </p>
    );
  }
  return (
    <div className="chart-frame">
      <div className="chart-box-inline">
        <canvas ref={ref} data-testid="speedup-chart" role="img" aria-label="Speedup of each step against sequential" />
      </div>
      {older.length > 0 ? (
        <p className="chart-note">
          Solid: run #{number}. Faded: earlier runs {older.map((o) => `#${o.number}`).join(', ')}.
        </p>
      ) : null}
    </div>
  );
}
