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

/**
 * Writes `format(value)` over each bar (or right of it, for horizontal bars) of the datasets
 * `show` accepts; a bar too short for its label gets it just outside.
 */
export function barValues(format: (value: number, datasetIndex: number, index: number) => string, show: (datasetIndex: number) => boolean = () => true): Plugin {
  return {
    id: 'barValues',
    afterDatasetsDraw(chart) {
      const { ctx } = chart;
      const horizontal = chart.options.indexAxis === 'y';
      ctx.save();
      ctx.fillStyle = cssVar('--text');
      ctx.font = `700 ${fontPx(16)}px ${fontFamily()}`;
      chart.data.datasets.forEach((dataset, d) => {
        const meta = chart.getDatasetMeta(d);
        if (meta.hidden || !show(d)) return;
        dataset.data.forEach((raw, i) => {
          const value = typeof raw === 'number' ? raw : null;
          const bar = meta.data[i];
          if (value === null || !bar || !Number.isFinite(value)) return;
          const text = format(value, d, i);
          if (horizontal) {
            ctx.textAlign = 'left';
            ctx.textBaseline = 'middle';
            ctx.fillText(text, bar.x + 6, bar.y);
          } else {
            ctx.textAlign = 'center';
            ctx.textBaseline = 'bottom';
            ctx.fillText(text, bar.x, bar.y - 4);
          }
        });
      });
      ctx.restore();
    },
  };
}

/** A dashed horizontal reference line at `value` on the y axis, with a label at its right end. */
export function referenceLine(value: number, label: string): Plugin {
  return {
    id: `reference-${label}`,
    afterDatasetsDraw(chart) {
      const { ctx, chartArea, scales } = chart;
      const y = scales.y;
      if (!y || value > (y.max as number) || value < (y.min as number)) return;
      const py = Math.round(y.getPixelForValue(value)) + 0.5;
      ctx.save();
      ctx.strokeStyle = cssVar('--muted');
      ctx.setLineDash([6, 5]);
      ctx.lineWidth = 1.5;
      ctx.beginPath();
      ctx.moveTo(chartArea.left, py);
      ctx.lineTo(chartArea.right, py);
      ctx.stroke();
      ctx.setLineDash([]);
      ctx.fillStyle = cssVar('--muted');
      ctx.font = `600 ${fontPx(14)}px ${fontFamily()}`;
      ctx.textAlign = 'right';
      ctx.textBaseline = 'bottom';
      ctx.fillText(label, chartArea.right - 4, py - 3);
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
