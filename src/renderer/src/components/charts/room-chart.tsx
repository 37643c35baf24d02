/**
 * A room's laptops on one chart: each laptop's logical cores (x) against the speedup it measured
 * (y), one point for threads and one for processes, beside the ideal y = min(cores, workers).
 * Threads sit flat near 1x whatever the laptop; processes climb with the cores until the workers
 * run out: the GIL, shown by a whole room at once.
 */
import type { ChartConfiguration, Plugin } from 'chart.js';
import { fontPx } from '../../drawing/look';
import { cssVar, fontFamily } from '../../drawing/theme-vars';
import { axisTitle, Chart, frameOptions, look, tickFont } from '../../drawing/charts';
import { roomWorkers, type RoomEntry, type RoomMode } from '../../store/room';
import { MODE_VAR } from '../../drawing/palette';
import type { ThemeName } from '../../drawing/look';
import { useChart } from './use-chart';

interface Props {
  entries: readonly RoomEntry[];
  theme: ThemeName;
}

/** Names beside the points while there are few enough to read; a full room is named in the list. */
const NAMED_POINTS = 24;

const pointsOf = (entries: readonly RoomEntry[], mode: RoomMode) =>
  entries.flatMap((e) => e.points.filter((p) => p.mode === mode).map((p) => ({ x: e.cores, y: p.speedup, name: e.machine, key: e.key })));

/** The ideal line's dataset label (not a laptop: never named, never in the list). */
const IDEAL = 'ideal';

/** Each point's machine name, right of it. */
function pointNames(): Plugin<'line'> {
  return {
    id: 'roomNames',
    afterDatasetsDraw(chart) {
      const { ctx } = chart;
      const total = chart.data.datasets.reduce((n, d) => n + (d.label === IDEAL ? 0 : d.data.length), 0);
      if (total > NAMED_POINTS) return;
      ctx.save();
      ctx.fillStyle = cssVar('--text');
      ctx.font = `${fontPx(13)}px ${fontFamily()}`;
      ctx.textBaseline = 'middle';
      // One name per laptop, by its highest point; left of it where the right edge would cut it.
      const named = new Set<string>();
      for (let d = chart.data.datasets.length - 1; d >= 0; d--) {
        const dataset = chart.data.datasets[d];
        if (!dataset || dataset.label === IDEAL) continue;
        const meta = chart.getDatasetMeta(d);
        dataset.data.forEach((raw, i) => {
          const point = meta.data[i];
          const { name, key } = raw as unknown as { name?: string; key?: string };
          if (!point || !name || !key || named.has(key)) return;
          named.add(key);
          const text = name.length > 28 ? `${name.slice(0, 27)}…` : name;
          const right = point.x + 12 + ctx.measureText(text).width > chart.width;
          ctx.textAlign = right ? 'right' : 'left';
          ctx.fillText(text, point.x + (right ? -12 : 12), point.y);
        });
      }
      ctx.restore();
    },
  };
}

export function RoomChart({ entries, theme }: Props) {
  const workers = roomWorkers(entries);
  const most = Math.max(2, ...entries.map((e) => e.cores));
  const ref = useChart<'line'>(() => {
    const kit = look();
    const ideal = [1, Math.min(workers, most), most].filter((x, i, all) => all.indexOf(x) === i).map((x) => ({ x, y: Math.min(x, workers) }));
    const series = (mode: RoomMode, label: string) => ({
      label,
      data: pointsOf(entries, mode),
      showLine: false,
      pointRadius: fontPx(7),
      pointHoverRadius: fontPx(9),
      pointStyle: mode === 'threads' ? ('circle' as const) : ('rectRot' as const),
      backgroundColor: cssVar(MODE_VAR[mode]),
      borderColor: cssVar('--text'),
      borderWidth: 1,
    });
    const config: ChartConfiguration<'line'> = {
      type: 'line',
      data: {
        datasets: [
          { label: IDEAL, data: ideal, borderColor: cssVar('--muted'), borderDash: [6, 5], borderWidth: 2.5, pointRadius: 0, pointStyle: 'line', fill: false },
          series('threads', 'threads'),
          series('processes', 'processes'),
        ],
      },
      options: {
        ...frameOptions(),
        layout: { padding: { right: 24, top: 12 } },
        plugins: {
          legend: {
            display: true,
            labels: {
              ...tickFont(kit),
              usePointStyle: true,
              generateLabels: (chart) =>
                Chart.defaults.plugins.legend.labels.generateLabels(chart).map((item) => (item.text === IDEAL ? { ...item, text: `ideal: min(cores, ${workers} workers)` } : item)),
            },
          },
          tooltip: { callbacks: { label: (item) => `${(item.raw as { name?: string }).name ?? 'ideal'}: ${item.parsed.y?.toFixed(2)}x on ${item.parsed.x} cores` } },
        },
        scales: {
          x: { type: 'linear', min: 0, suggestedMax: most + 1, title: axisTitle(kit, 'logical cores of the laptop'), ticks: { ...tickFont(kit), precision: 0 }, grid: { color: kit.grid } },
          y: { min: 0, suggestedMax: Math.max(2, Math.min(workers, most)) + 0.5, title: axisTitle(kit, 'speedup vs sequential'), ticks: { ...tickFont(kit), callback: (v) => `${v}x` }, grid: { color: kit.grid } },
        },
      },
      plugins: [pointNames()],
    };
    return config;
  }, [entries, workers, theme]);
  return <canvas ref={ref} data-testid="room-chart" data-points={entries.reduce((n, e) => n + e.points.length, 0)} role="img" aria-label={`Speedup against cores for ${entries.length} laptops, threads and processes, with the ideal line up to ${workers} workers`} />;
}
