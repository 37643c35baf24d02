/**
 * chart.js as this UI uses it: the pieces registered once (only these, instead of `registerables`,
 * keeps the bundle small and makes every chart type in the app explicit), the options every chart
 * starts from (no animation: a projector shows lag), the theme's fonts and colours, and plugins that
 * draw on the chart's canvas: each bar's value where the back of the room can read it, and a
 * dashed reference line. The React side (building and rebuilding a chart) is
 * components/charts/use-chart.ts.
 */
import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  Filler,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
  type Plugin,
} from 'chart.js';
import { chartPixelRatio } from './canvas';
import { fontPx } from './look';
import { cssVar, fontFamily } from './theme-vars';

Chart.register(LineController, LineElement, PointElement, LinearScale, Filler, BarController, BarElement, CategoryScale, Legend, Tooltip);

/** chart.js's Chart, guaranteed registered: import it from here, not from 'chart.js'. */
export { Chart };

/** Theme figures read once per build. */
export interface Look {
  text: string;
  muted: string;
  grid: string;
  family: string;
}

export function look(): Look {
  return { text: cssVar('--text'), muted: cssVar('--muted'), grid: cssVar('--grid'), family: fontFamily() };
}

/** Axis text large enough for a projector (larger still in presentation mode). */
export const tickPx = (): number => fontPx(15);

/** Where every chart's options start: no animation, crisp at the screen's or the export's ratio, filling its box. */
export const frameOptions = () => ({ animation: false, devicePixelRatio: chartPixelRatio(), responsive: true, maintainAspectRatio: false }) as const;

/** Tick labels in the theme's text, at projector size. */
export const tickFont = ({ text, family }: Look) => ({ color: text, font: { family, size: tickPx() } });

/** An axis title in the theme's text. */
export const axisTitle = ({ text, family }: Look, title: string) => ({ display: true, text: title, color: text, font: { family, size: fontPx(14) } });

/** A box on a chart's canvas, in its CSS pixels. */
interface Box {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

const overlaps = (a: Box, b: Box): boolean => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;

/**
 * What the bars and their values cover in a chart's last draw (barValues records it), so the
 * reference lines' labels, drawn after them, can be placed where they hide neither.
 */
const taken = new WeakMap<Chart, Box[]>();

/**
 * Writes `format(value)` over each bar (or right of it, for horizontal bars) of the datasets
 * `show` accepts; a bar too short for its label gets it just outside.
 */
export function barValues(format: (value: number, datasetIndex: number, index: number) => string, show: (datasetIndex: number) => boolean = () => true): Plugin {
  return {
    id: 'barValues',
    beforeDraw: (chart) => void taken.set(chart, []),
    afterDatasetsDraw(chart) {
      const { ctx } = chart;
      const horizontal = chart.options.indexAxis === 'y';
      const boxes = taken.get(chart) ?? [];
      taken.set(chart, boxes);
      ctx.save();
      ctx.fillStyle = cssVar('--text');
      // A halo of the panel's colour: a reference line or grid line passing behind a value does not cut through it.
      ctx.strokeStyle = cssVar('--panel');
      ctx.lineWidth = 4;
      ctx.lineJoin = 'round';
      const family = fontFamily();
      const size = horizontal ? fontPx(16) : valueSize(chart, ctx, format, show, fontPx(16), family);
      ctx.font = `700 ${size}px ${family}`;
      chart.data.datasets.forEach((dataset, d) => {
        const meta = chart.getDatasetMeta(d);
        if (meta.hidden) return;
        dataset.data.forEach((raw, i) => {
          const value = typeof raw === 'number' ? raw : null;
          const bar = meta.data[i] as (typeof meta.data)[number] & { base?: number; width?: number; height?: number };
          if (value === null || !bar || !Number.isFinite(value)) return;
          // Every bar drawn is kept clear, faded ones too; their values only when written.
          if (!horizontal && typeof bar.base === 'number' && typeof bar.width === 'number') {
            boxes.push({ left: bar.x - bar.width / 2, right: bar.x + bar.width / 2, top: Math.min(bar.y, bar.base), bottom: Math.max(bar.y, bar.base) });
          }
          if (!show(d) || size === 0) return;
          const text = format(value, d, i);
          const width = ctx.measureText(text).width;
          if (horizontal) {
            ctx.textAlign = 'left';
            ctx.textBaseline = 'middle';
            ctx.strokeText(text, bar.x + 6, bar.y);
            ctx.fillText(text, bar.x + 6, bar.y);
            boxes.push({ left: bar.x + 6, right: bar.x + 6 + width, top: bar.y - size / 2, bottom: bar.y + size / 2 });
          } else {
            ctx.textAlign = 'center';
            ctx.textBaseline = 'bottom';
            ctx.strokeText(text, bar.x, bar.y - 4);
            ctx.fillText(text, bar.x, bar.y - 4);
            boxes.push({ left: bar.x - width / 2, right: bar.x + width / 2, top: bar.y - 4 - size * 1.2, bottom: bar.y - 4 });
          }
        });
      });
      ctx.restore();
    },
  };
}

/** Below this, a value over a bar cannot be read from the back of a room: the table carries the figures instead. */
const SMALLEST_VALUE_PX = 12;

/**
 * One type size for every value over a vertical bar: the largest, up to `largest`, at which each
 * written value fits its bar's width (with a couple of pixels either side), so neighbours never
 * run into each other; 0 when that would be under SMALLEST_VALUE_PX (many steps side by side,
 * as scaling's nine pairs on both engines), and no value is written.
 */
function valueSize(
  chart: Chart,
  ctx: CanvasRenderingContext2D,
  format: (value: number, datasetIndex: number, index: number) => string,
  show: (datasetIndex: number) => boolean,
  largest: number,
  family: string,
): number {
  ctx.font = `700 ${largest}px ${family}`;
  let scale = 1;
  chart.data.datasets.forEach((dataset, d) => {
    const meta = chart.getDatasetMeta(d);
    if (meta.hidden || !show(d)) return;
    dataset.data.forEach((raw, i) => {
      const bar = meta.data[i] as (typeof meta.data)[number] & { width?: number };
      if (typeof raw !== 'number' || !Number.isFinite(raw) || !bar || typeof bar.width !== 'number') return;
      const width = ctx.measureText(format(raw, d, i)).width;
      if (width > 0) scale = Math.min(scale, (bar.width + 4) / width);
    });
  });
  const size = Math.floor(largest * scale);
  return size >= SMALLEST_VALUE_PX ? size : 0;
}

/**
 * A dashed horizontal reference line at `value` on the y axis, with its label at the line's right
 * end, above it. The label is drawn after the bars' values, where it covers no bar and no value:
 * above the line at its right end, else below it, else at its left end; when every place is taken,
 * on a plate of the panel's colour so it still reads (a bar's value near the line, e.g. 1.95x under
 * "2 cores", used to be written over it).
 */
export function referenceLine(value: number, label: string): Plugin {
  const inside = (chart: Chart): number | null => {
    const y = chart.scales.y;
    if (!y || value > (y.max as number) || value < (y.min as number)) return null;
    return Math.round(y.getPixelForValue(value)) + 0.5;
  };
  return {
    id: `reference-${label}`,
    // Each draw places the labels afresh (every plugin's beforeDraw runs before any bar is drawn).
    beforeDraw: (chart) => void taken.set(chart, []),
    afterDatasetsDraw(chart) {
      const { ctx, chartArea } = chart;
      const py = inside(chart);
      if (py === null) return;
      ctx.save();
      ctx.strokeStyle = cssVar('--muted');
      ctx.setLineDash([6, 5]);
      ctx.lineWidth = 1.5;
      ctx.beginPath();
      ctx.moveTo(chartArea.left, py);
      ctx.lineTo(chartArea.right, py);
      ctx.stroke();
      ctx.restore();
    },
    afterDraw(chart) {
      const { ctx, chartArea } = chart;
      const py = inside(chart);
      if (py === null) return;
      ctx.save();
      const size = fontPx(14);
      ctx.font = `600 ${size}px ${fontFamily()}`;
      ctx.textBaseline = 'bottom';
      const width = ctx.measureText(label).width;
      const height = size * 1.2;
      const boxes = taken.get(chart) ?? [];
      const right = chartArea.right - 4;
      const left = chartArea.left + 4;
      const above = py - 3;
      const below = py + 3 + height;
      const places = [
        { x: right - width, bottom: above },
        { x: right - width, bottom: below },
        { x: left, bottom: above },
        { x: left, bottom: below },
      ].map((p) => ({ ...p, box: { left: p.x - 2, right: p.x + width + 2, top: p.bottom - height, bottom: p.bottom + 1 } }));
      const free = places.find((p) => p.box.top >= chartArea.top - height && !boxes.some((b) => overlaps(p.box, b)));
      const place = free ?? (places[0] as (typeof places)[number]);
      if (!free) {
        ctx.fillStyle = cssVar('--panel');
        ctx.fillRect(place.box.left, place.box.top, place.box.right - place.box.left, place.box.bottom - place.box.top);
      }
      ctx.fillStyle = cssVar('--muted');
      ctx.textAlign = 'left';
      ctx.fillText(label, place.x, place.bottom);
      // Another reference line's label keeps clear of this one.
      boxes.push(place.box);
      taken.set(chart, boxes);
      ctx.restore();
    },
  };
}

/** A label broken into lines of about `width` characters, for chart axes that cannot wrap. */
export function wrapLabel(label: string, width = 14): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of label.split(' ')) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines;
}
