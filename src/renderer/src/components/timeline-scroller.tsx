/**
 * The lock timeline's rows when more are there than fit at a readable height: a scroller laid over
 * the plot, as tall as all rows, which the canvas under it follows by drawing the rows in sight. It
 * is a focus stop with a name, so the keyboard scrolls it too (axe: scrollable-region-focusable),
 * and is left out of pictures, which show every row (see rowLayout).
 */
import type { Ref } from 'react';
import type { RowLayout } from '../drawing/timeline-geometry';

interface Props {
  ref: Ref<HTMLDivElement>;
  layout: RowLayout;
  /** Rows (workers) of the step. */
  rows: number;
  zoomed: boolean;
  onScroll: () => void;
}

export function RowScroller({ ref, layout, rows, zoomed, onScroll }: Props) {
  return (
    <div
      ref={ref}
      className={zoomed ? 'timeline-scroll zoomed' : 'timeline-scroll'}
      tabIndex={0}
      role="region"
      aria-label={`Rows of the lock timeline: ${rows} workers, ${Math.floor(layout.height / layout.rowH)} in sight at a time; the arrow keys scroll them`}
      data-testid="timeline-scroll"
      data-content={layout.content}
      data-export-skip="true"
      style={{ height: layout.height }}
      onScroll={onScroll}
    >
      <div style={{ height: layout.content }} />
    </div>
  );
}
