/**
 * One lane per logical core, 0–100 %, drawn by chart.js as one line chart whose datasets are
 * offset by lane: the last 30 s live, or a past run from start to end. Redrawn on every sample
 * without animation (a projector shows lag, and interpolated motion would show load that never
 * happened). Step starts are marked with a labelled line, so the room sees which step lit which core.
 */
import { memo, useEffect, useRef } from 'react';
import type { ChartConfiguration, Plugin } from 'chart.js';
import { Chart } from '../charts/register';
import { chartPixelRatio } from '../lib/fit';
import { fontPx, useLook } from '../lib/look';
import type { ThemeName } from '../lib/theme';
import { cssVar, fontFamily } from '../lib/theme';
import { laneAxis, markCanvas, type LaneMark, type LaneSource, type LaneWindow } from '../state/core-history';

interface Props {
  source: LaneSource;
  range: LaneWindow;
  marks: readonly LaneMark[];
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

/** Draws step starts as dashed lines with their label at the top; shared with the heat strip. */
export function drawMarks(ctx: CanvasRenderingContext2D, marks: readonly { x: number; label: string }[], top: number, bottom: number, left: number, right: number): void {
  ctx.save();
  ctx.strokeStyle = cssVar('--text');
  ctx.globalAlpha = 0.55;
  ctx.setLineDash([5, 4]);
  ctx.lineWidth = 1.5;
  ctx.font = `600 ${fontPx(13)}px ${fontFamily()}`;
  ctx.textBaseline = 'top';
  let lastEnd = Number.NEGATIVE_INFINITY;
  for (const mark of marks) {
    if (mark.x < left || mark.x > right) continue;
    const x = Math.round(mark.x) + 0.5;
    ctx.globalAlpha = 0.55;
    ctx.beginPath();
    ctx.moveTo(x, top);
    ctx.lineTo(x, bottom);
    ctx.stroke();
    const text = mark.label.length > 22 ? `${mark.label.slice(0, 21)}…` : mark.label;
    const width = ctx.measureText(text).width;
    // Labels that would overlap the previous one are left out; the line still shows.
    if (x + 4 < lastEnd || x + 4 + width > right) continue;
    ctx.globalAlpha = 0.9;
    ctx.fillStyle = cssVar('--panel');
    ctx.fillRect(x + 2, top, width + 6, fontPx(17));
    ctx.fillStyle = cssVar('--text');
    ctx.fillText(text, x + 5, top + 2);
    lastEnd = x + 10 + width;
  }
  ctx.restore();
}

/** Lane bands behind the lines, each lane's current load at its right end, and the step marks. */
function lanePlugin(source: LaneSource, range: LaneWindow, marks: readonly LaneMark[], lanes: number): Plugin<'line'> {
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
      const xScale = scales.x;
      const latest = source.latest();
      if (!y || !xScale) return;
      const axis = laneAxis(range, latest?.t);
      drawMarks(
        ctx,
        marks.map((m) => ({ x: xScale.getPixelForValue(axis.x(m.t)), label: m.label })),
        chartArea.top,
        chartArea.bottom,
        chartArea.left,
        chartArea.right,
      );
      if (!latest || range.kind === 'recorded') return;
      const laneHeight = Math.abs(y.getPixelForValue(LOAD_UNITS) - y.getPixelForValue(0));
      if (laneHeight < 14) return;
      const size = Math.round(Math.min(fontPx(22), Math.max(12, laneHeight * 0.4)));
      ctx.save();
      ctx.font = `700 ${size}px ${fontFamily()}`;
      ctx.textAlign = 'right';
      ctx.textBaseline = 'middle';
      ctx.fillStyle = cssVar('--text');
      for (let lane = 0; lane < lanes; lane++) {
        const middle = y.getPixelForValue(laneBase(lane, lanes) + LOAD_UNITS / 2);
        // Right of the plot, in the padding kept for it, so the newest data is never covered.
        ctx.fillText(`${Math.round(clampLoad(latest.loads[lane]))}%`, chartArea.right + fontPx(VALUE_PX), middle);
      }
      ctx.restore();
    },
  };
}

function fillData(chart: Chart<'line', { x: number; y: number }[]>, source: LaneSource, range: LaneWindow, lanes: number): void {
  const samples = source.all();
  const latest = samples[samples.length - 1];
  const axis = laneAxis(range, latest?.t);
  chart.data.datasets.forEach((dataset, lane) => {
    const base = laneBase(lane, lanes);
    dataset.data = latest ? samples.map((s) => ({ x: axis.x(s.t), y: base + clampLoad(s.loads[lane]) })) : [];
  });
}

/** The lane chart; recreated when the lane count, range or theme changes, updated in place otherwise. */
export const CoreLanes = memo(function CoreLanes({ source, range, marks, lanes, theme }: Props) {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const recorded = range.kind === 'recorded';
  const look = useLook();

  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas) return;
    const text = cssVar('--muted');
    const line = cssVar('--core-line');
    const fill = cssVar('--core-fill');
    const grid = cssVar('--grid');
    const family = fontFamily();
    const labelSize = fontPx(15);
    const axis = laneAxis(range, source.latest()?.t);
    const config: ChartConfiguration<'line', { x: number; y: number }[]> = {
      type: 'line',
      data: {
        datasets: Array.from({ length: lanes }, (_, lane) => ({
          label: `CPU ${lane}`,
          data: [],
          borderColor: line,
          backgroundColor: fill,
          // Thick lines in presentation mode: a projector thins and blurs them.
          borderWidth: (lanes > 16 ? 1.5 : 2.5) * (look.presentation ? 1.6 : 1),
          pointRadius: 0,
          tension: 0,
          fill: { value: laneBase(lane, lanes) },
        })),
      },
      options: {
        animation: false,
        devicePixelRatio: chartPixelRatio(),
        responsive: true,
        maintainAspectRatio: false,
        parsing: false,
        normalized: true,
        events: [],
        layout: { padding: { top: 4, right: recorded ? 12 : fontPx(VALUE_PX) + 4 } },
        plugins: { legend: { display: false }, tooltip: { enabled: false } },
        scales: {
          x: {
            type: 'linear',
            min: axis.min,
            max: axis.max,
            ticks: {
              ...(recorded ? { maxTicksLimit: 10 } : { stepSize: 5 }),
              color: text,
              font: { family, size: labelSize },
              callback: (value) => (!recorded && Number(value) === 0 ? 'now' : `${Number(value).toFixed(recorded && axis.max < 10 ? 1 : 0)} s`),
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
      plugins: [lanePlugin(source, range, marks, lanes)],
    };
    const chart = new Chart(canvas, config);
    const redraw = (): void => {
      fillData(chart, source, range, lanes);
      chart.update('none');
      markCanvas(canvas, source, lanes);
    };
    redraw();
    const off = source.subscribe(redraw);
    return () => {
      off();
      chart.destroy();
    };
  }, [source, range, marks, lanes, theme, recorded, look]);

  return (
    <div className="chart-box">
      <canvas
        ref={canvasRef}
        data-testid="core-lanes"
        data-window={range.kind}
        role="img"
        aria-label={recorded ? `Load of each of ${lanes} cores during the run` : `Load of each of ${lanes} cores, last 30 s`}
      />
    </div>
  );
});
