/**
 * One lane per logical core, 0–100 %, the last 30 s, drawn by chart.js as one line chart whose
 * datasets are offset by lane. Redrawn on every sample without animation (a projector shows
 * lag, and interpolated motion would show load that never happened).
 */
import { memo, useEffect, useRef } from 'react';
import type { ChartConfiguration, Plugin } from 'chart.js';
import { Chart } from '../charts/register';
import type { ThemeName } from '../lib/theme';
import { cssVar, fontFamily } from '../lib/theme';
import { HISTORY_SECONDS, markCanvas, type CoreHistory } from '../state/core-history';

interface Props {
  history: CoreHistory;
  lanes: number;
  theme: ThemeName;
}

/** Units of one lane on the y axis: 100 for the load plus a gap so lanes never touch. */
const LOAD_UNITS = 100;
const GAP_UNITS = 16;
const LANE_UNITS = LOAD_UNITS + GAP_UNITS;
/** Room right of the plot for each lane's current load. */
const VALUE_PX = 76;

const laneBase = (lane: number, lanes: number): number => (lanes - 1 - lane) * LANE_UNITS;
const clampLoad = (load: number | undefined): number => (load === undefined || !Number.isFinite(load) ? 0 : Math.min(100, Math.max(0, load)));

/** Lane bands behind the lines and each lane's current load at its right end. */
function lanePlugin(history: CoreHistory, lanes: number): Plugin<'line'> {
  return {
    id: 'coreLanes',
    beforeDatasetsDraw(chart) {
      const { ctx, chartArea, scales } = chart;
      const y = scales.y;
      if (!y) return;
      ctx.save();
      ctx.fillStyle = cssVar('--lane-bg');
      for (let lane = 0; lane < lanes; lane++) {
        const top = y.getPixelForValue(laneBase(lane, lanes) + LOAD_UNITS);
        const bottom = y.getPixelForValue(laneBase(lane, lanes));
        ctx.fillRect(chartArea.left, top, chartArea.right - chartArea.left, bottom - top);
      }
      ctx.restore();
    },
    afterDatasetsDraw(chart) {
      const { ctx, chartArea, scales } = chart;
      const y = scales.y;
      const latest = history.latest();
      if (!y || !latest) return;
      const laneHeight = Math.abs(y.getPixelForValue(LOAD_UNITS) - y.getPixelForValue(0));
      if (laneHeight < 14) return;
      const size = Math.round(Math.min(22, Math.max(12, laneHeight * 0.4)));
      ctx.save();
      ctx.font = `700 ${size}px ${fontFamily()}`;
      ctx.textAlign = 'right';
      ctx.textBaseline = 'middle';
      ctx.fillStyle = cssVar('--text');
      for (let lane = 0; lane < lanes; lane++) {
        const middle = y.getPixelForValue(laneBase(lane, lanes) + LOAD_UNITS / 2);
        // Right of the plot, in the padding kept for it, so the newest data is never covered.
        ctx.fillText(`${Math.round(clampLoad(latest.loads[lane]))}%`, chartArea.right + VALUE_PX, middle);
      }
      ctx.restore();
    },
  };
}

function fillData(chart: Chart<'line', { x: number; y: number }[]>, history: CoreHistory, lanes: number): void {
  const samples = history.all();
  const latest = samples[samples.length - 1];
  chart.data.datasets.forEach((dataset, lane) => {
    const base = laneBase(lane, lanes);
    dataset.data = latest ? samples.map((s) => ({ x: (s.t - latest.t) / 1000, y: base + clampLoad(s.loads[lane]) })) : [];
  });
}

/** The lane chart; recreated when the lane count or theme changes, updated in place otherwise. */
export const CoreLanes = memo(function CoreLanes({ history, lanes, theme }: Props) {
  const canvasRef = useRef<HTMLCanvasElement>(null);

  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas) return;
    const text = cssVar('--muted');
    const line = cssVar('--core-line');
    const fill = cssVar('--core-fill');
    const grid = cssVar('--grid');
    const family = fontFamily();
    const labelSize = 15;
    const config: ChartConfiguration<'line', { x: number; y: number }[]> = {
      type: 'line',
      data: {
        datasets: Array.from({ length: lanes }, (_, lane) => ({
          label: `CPU ${lane}`,
          data: [],
          borderColor: line,
          backgroundColor: fill,
          borderWidth: lanes > 16 ? 1.5 : 2.5,
          pointRadius: 0,
          tension: 0,
          fill: { value: laneBase(lane, lanes) },
        })),
      },
      options: {
        animation: false,
        responsive: true,
        maintainAspectRatio: false,
        parsing: false,
        normalized: true,
        events: [],
        layout: { padding: { top: 4, right: VALUE_PX + 4 } },
        plugins: { legend: { display: false }, tooltip: { enabled: false } },
        scales: {
          x: {
            type: 'linear',
            min: -HISTORY_SECONDS,
            max: 0,
            ticks: {
              stepSize: 5,
              color: text,
              font: { family, size: labelSize },
              callback: (value) => (Number(value) === 0 ? 'now' : `${value} s`),
            },
            grid: { color: grid },
            border: { display: false },
          },
          y: {
            type: 'linear',
            min: 0,
            max: lanes * LANE_UNITS - GAP_UNITS,
            afterBuildTicks: (scale) => {
              scale.ticks = Array.from({ length: lanes }, (_, lane) => ({ value: laneBase(lane, lanes) + LOAD_UNITS / 2 }));
            },
            ticks: {
              color: text,
              autoSkip: true,
              font: { family, size: labelSize },
              callback: (value) => `CPU ${lanes - 1 - Math.round((Number(value) - LOAD_UNITS / 2) / LANE_UNITS)}`,
            },
            grid: { display: false },
            border: { display: false },
          },
        },
      },
      plugins: [lanePlugin(history, lanes)],
    };
    const chart = new Chart(canvas, config);
    const redraw = (): void => {
      fillData(chart, history, lanes);
      chart.update('none');
      markCanvas(canvas, history, lanes);
    };
    redraw();
    const off = history.subscribe(redraw);
    return () => {
      off();
      chart.destroy();
    };
  }, [history, lanes, theme]);

  return (
    <div className="chart-box">
      <canvas ref={canvasRef} data-testid="core-lanes" role="img" aria-label={`Load of each of ${lanes} cores, last ${HISTORY_SECONDS} s`} />
    </div>
  );
});
