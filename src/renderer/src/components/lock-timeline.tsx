/**
 * The lock timeline: one row per worker of a mode, coloured by what it was doing: holding the
 * GIL, waiting for it, in I/O with it released, or running with no shared GIL. This is the
 * picture no system monitor shows; tabs switch between the modes of the current or last run.
 */
import { useEffect, useRef, useState, useSyncExternalStore } from 'react';
import type { Mode } from '../../../shared/experiments';
import type { ModeResult } from '../../../shared/results';
import { MODE_LABEL, seconds } from '../lib/format';
import { cssVar, fontFamily, type ThemeName } from '../lib/theme';
import { drawTimeline, hatchPattern, type TimelineStyle } from '../lib/timeline-draw';
import { prepareCanvas, useSize } from '../lib/use-size';
import type { DrawnState, TimelineStore } from '../state/timeline-store';

interface Props {
  store: TimelineStore;
  /** The mode running now, which the view follows until the user picks a tab. */
  runningMode: Mode | null;
  results: readonly ModeResult[];
  theme: ThemeName;
}

const LEGEND: readonly { state: DrawnState; label: string }[] = [
  { state: 'holding', label: 'runs, holds the GIL' },
  { state: 'waiting', label: 'waits for the GIL' },
  { state: 'io', label: 'in I/O, GIL released' },
  { state: 'free', label: 'runs, no shared GIL' },
];

function styleFor(ctx: CanvasRenderingContext2D): TimelineStyle {
  return {
    fills: {
      holding: cssVar('--hold'),
      waiting: hatchPattern(ctx, cssVar('--wait-ground'), cssVar('--wait-stripe')),
      io: cssVar('--io'),
      free: cssVar('--free'),
    },
    text: cssVar('--text'),
    muted: cssVar('--muted'),
    grid: cssVar('--grid'),
    rowBg: cssVar('--lane-bg'),
    font: fontFamily(),
  };
}

/** Timeline panel with mode tabs, legend and the measured switch figures of the shown mode. */
export function LockTimeline({ store, runningMode, results, theme }: Props) {
  useSyncExternalStore(store.subscribe, store.getVersion);
  const [picked, setPicked] = useState<Mode | null>(null);
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const boxRef = useRef<HTMLDivElement>(null);
  const size = useSize(boxRef);

  // A new mode starting takes the view back, so the room watches what is running.
  useEffect(() => setPicked(null), [runningMode, store.runId]);

  const available = store.available();
  const shown = (picked && available.includes(picked) ? picked : null) ?? runningMode ?? available[available.length - 1] ?? null;
  const timeline = shown ? store.get(shown) : undefined;
  const total = available.reduce((sum, mode) => sum + (store.get(mode)?.segments ?? 0), 0);
  const result = results.find((r) => r.runId === store.runId && r.mode === shown);

  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas || size.width === 0) return;
    let frame = 0;
    let style: TimelineStyle | null = null;
    const paint = (): void => {
      frame = 0;
      const ctx = prepareCanvas(canvas, size);
      if (!ctx) return;
      style ??= styleFor(ctx);
      drawTimeline(ctx, size, shown ? store.get(shown) : undefined, style, 'Press Run to see which worker holds the lock, and when.');
    };
    paint();
    // Batches arrive several times a second; draw at most once per frame.
    const off = store.subscribe(() => {
      if (frame === 0) frame = requestAnimationFrame(paint);
    });
    return () => {
      off();
      if (frame !== 0) cancelAnimationFrame(frame);
    };
  }, [store, shown, size, theme]);

  return (
    <section
      className="panel timeline"
      aria-label="Lock timeline"
      data-testid="timeline-panel"
      data-segments={total}
      data-mode={shown ?? ''}
      data-mode-segments={timeline?.segments ?? 0}
    >
      <div className="timeline-main">
        <div className="timeline-head">
          <h2 className="panel-title">Lock timeline</h2>
          <div className="tabs" role="tablist" aria-label="Mode shown">
            {store.modes.map((mode) => (
              <button
                key={mode}
                type="button"
                role="tab"
                aria-selected={mode === shown}
                className={mode === shown ? 'tab active' : 'tab'}
                disabled={!available.includes(mode)}
                data-testid={`timeline-tab-${mode}`}
                onClick={() => setPicked(mode)}
              >
                {MODE_LABEL[mode]}
                {mode === runningMode ? <span className="live-dot" aria-label="running" /> : null}
              </button>
            ))}
          </div>
        </div>
        <div ref={boxRef} className="timeline-body">
          <canvas ref={canvasRef} className="fill-canvas" role="img" aria-label={shown ? `Lock timeline of ${shown}` : 'Lock timeline, empty'} />
        </div>
      </div>
      <div className="side">
        <ul className="legend" aria-label="Legend">
          {LEGEND.map(({ state, label }) => (
            <li key={state}>
              <span className={`swatch swatch-${state}`} aria-hidden="true" />
              {label}
            </li>
          ))}
        </ul>
        <dl className="figures" data-testid="timeline-figures">
          {result ? (
            <>
              <dt>GIL switches</dt>
              <dd>{result.gilSwitches.toLocaleString('en')}</dd>
              <dt>time waiting</dt>
              <dd>{seconds(result.waitMs)} s</dd>
            </>
          ) : timeline ? (
            <>
              <dt>segments</dt>
              <dd>{timeline.segments.toLocaleString('en')}</dd>
            </>
          ) : null}
        </dl>
      </div>
    </section>
  );
}
