/**
 * Step starts drawn over the cores (lanes and heat strip alike): a dashed line per step with its
 * label at the top, so the room sees which step lit which core.
 */
import { fontPx } from './look';
import { cssVar, fontFamily } from './theme-vars';

/** Colours and font of the marks, read once per draw setup. */
export interface MarkLook {
  text: string;
  panel: string;
  font: string;
}

export function markLook(): MarkLook {
  return { text: cssVar('--text'), panel: cssVar('--panel'), font: `600 ${fontPx(13)}px ${fontFamily()}` };
}

/** Draws step starts as dashed lines with their label at the top; shared with the heat strip. */
export function drawMarks(
  ctx: CanvasRenderingContext2D,
  marks: readonly { x: number; label: string }[],
  top: number,
  bottom: number,
  left: number,
  right: number,
  look: MarkLook = markLook(),
): void {
  if (marks.length === 0) return;
  ctx.save();
  ctx.strokeStyle = look.text;
  ctx.globalAlpha = 0.55;
  ctx.setLineDash([5, 4]);
  ctx.lineWidth = 1.5;
  ctx.font = look.font;
  ctx.textAlign = 'left';
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
    ctx.fillStyle = look.panel;
    ctx.fillRect(x + 2, top, width + 6, fontPx(17));
    ctx.fillStyle = look.text;
    ctx.fillText(text, x + 5, top + 2);
    lastEnd = x + 10 + width;
  }
  ctx.restore();
}
