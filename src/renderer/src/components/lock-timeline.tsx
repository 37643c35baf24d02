/**
 * The lock timeline: one row per worker of a step, coloured by what it was doing: holding the
 * GIL, waiting for it, in I/O with it released, or running with no shared GIL. This is the
 * picture no system monitor shows; tabs switch between the steps of the run shown (the one going,
 * or a past one brought back from the results).
 */
import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import { findExperiment } from '../../../lessons/catalogue';
import type { ModeResult } from '../../../shared/results';
import { canvasRatio } from '../drawing/canvas';
import { frameSignal, useFrameValue } from '../drawing/frame-signal';
import { typeScale, useLook, type ThemeName } from '../drawing/look';
import { STATE_LOOKS } from '../drawing/palette';
import { timelineStyle } from '../drawing/timeline-draw';
import { TimelinePainter } from '../drawing/timeline-painter';
import { formatMs, hitTest, stepAt } from '../drawing/timeline-view';
import type { DrawnState, RunArchive, StepTimeline } from '../store/run-archive';
import type { StageStore } from '../store/stage';
import { rowLabel, rowLayout, visibleRows } from '../drawing/timeline-geometry';
import { scrolledRows, useTimelinePointer } from './timeline-pointer';
import type { RunRecord } from '../store/session';
import { shownStepId, timelineTabs } from '../store/timeline-tabs';
import { StepPicker } from './timeline-steps';
import { RowScroller } from './timeline-scroller';
import { describeTimeline } from './describe-timeline';
import { useFit } from './fit';
import { realCaption } from './real-caption';
import { TimelineLegend } from './timeline-legend';
import { Figures } from './timeline-figures';
import { useSize } from './use-size';

interface Props {
  archive: RunArchive;
  run: RunRecord | null;
  /** The id of the step running now in the shown run, which the view follows until a tab is picked. */
  runningId: string | null;
  /** The step the user picked (its id), while the pick applies (see the store's TimelinePick). */
  picked: string | null;
  onPick: (stepId: string) => void;
  results: readonly ModeResult[];
  /** True when the run shown was brought back from the past. */
  past: boolean;
  onLive: () => void;
  theme: ThemeName;
  /** Pause, zoom and replay (see store/stage.ts). */
  stage: StageStore;
}

/** The id of the step a replay of `runId` is in now, or null when no replay of it is open. */
function replayStepId(stage: StageStore, archive: RunArchive, runId: string | null): string | null {
  const replay = stage.getState().replay;
  if (!replay || replay.runId !== runId) return null;
  return stepAt(archive.get(runId)?.timelines ?? [], replay.at)?.timeline.stepId ?? null;
}

/** The replay's clock in the shown step's time (ms since spawning), or null without a replay of it. */
function replayUntil(stage: StageStore, runId: string | null, timeline: StepTimeline | undefined): number | null {
  const replay = stage.getState().replay;
  if (!replay || replay.runId !== runId || !timeline || timeline.startedAt === null) return null;
  return replay.at - (timeline.startedAt - (timeline.goMs ?? 0));
}

/** Always in the legend; "blocked" joins them where a run can block on another lock. */
const BASIC: readonly DrawnState[] = ['holding', 'waiting', 'io', 'free'];
/** A real CPython step: a thread ran or it did not; whether it waited for the GIL cannot be seen from inside. */
const REAL: readonly DrawnState[] = ['cpython-running'];

/** A lesson about a second lock, or any timeline that shows a worker blocked on a lock other than the GIL. */
function showsBlocked(experiment: string | undefined, timeline: StepTimeline | undefined): boolean {
  return (experiment !== undefined && findExperiment(experiment)?.showsLocks === true) || (timeline?.blocked ?? false);
}

/**
 * What the panel shows that changes when a step starts, a state first appears or the run ends, but
 * not with every batch: the panel re-renders only when this changes (the bars and the segment
 * count follow the batches on their own).
 */
function shapeOfRun(archive: RunArchive, runId: string | null): string {
  const trace = archive.get(runId);
  if (!trace) return '';
  // A run's timelines are only ever added, and a timeline once blocked stays so: counts say what changed.
  const blocked = trace.timelines.filter((t) => t.blocked).length;
  // Rows decide whether the panel scrolls.
  const rows = trace.timelines.reduce((sum, t) => sum + t.rows.length, 0);
  return `${trace.timelines.length} steps, ${rows} rows, ${blocked} blocked, ${trace.endedAt !== null ? 'ended' : 'going'}${trace.truncated ? ', truncated' : ''}`;
}

/** Segments of the run and of the step shown, as the panel's data attributes (tests and the benchmark read them). */
function markPanel(panel: HTMLElement, archive: RunArchive, runId: string | null, stepId: string | null): void {
  const trace = archive.get(runId);
  panel.dataset.segments = String(trace?.timelines.reduce((sum, t) => sum + t.segments, 0) ?? 0);
  panel.dataset.modeSegments = String((stepId !== null ? archive.find(runId, stepId)?.segments : undefined) ?? 0);
}

/** Timeline panel with step tabs, legend and the measured figures of the step shown. */
export function LockTimeline({ archive, run, runningId, picked, onPick, results, past, onLive, theme, stage }: Props) {
  const runId = run?.runId ?? null;
  const replaying = useFrameValue(stage, () => replayStepId(stage, archive, runId));
  const zoomed = useFrameValue(stage, () => stage.getState().zoom !== null);
  const frozen = useFrameValue(stage, () => stage.getState().frozen);
  const [hover, setHover] = useState<{ x: number; y: number; lines: string[] } | null>(null);
  // Batches arrive several times a second; the panel re-renders when what it shows changes (see shapeOfRun).
  useFrameValue(archive, () => shapeOfRun(archive, runId));
  const look = useLook();
  const fit = useFit();
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const painterRef = useRef<TimelinePainter | null>(null);
  const panelRef = useRef<HTMLElement>(null);
  const boxRef = useRef<HTMLDivElement>(null);
  const scrollRef = useRef<HTMLDivElement>(null);
  /** Layout px of rows scrolled out of sight, kept while the scroller is away (a slide being taken). */
  const topRef = useRef(0);
  const paintRef = useRef<(() => void) | null>(null);
  const size = useSize(boxRef);
  const tabs = timelineTabs(archive, runId);
  const shownId = replaying ?? shownStepId(tabs, picked, runningId);
  const shown = tabs.find((t) => t.timeline && t.stepId === shownId);
  const timeline = shown?.timeline;
  const result = shown ? results.find((r) => r.stepId === shown.stepId) : undefined;
  const truncated = archive.get(runId)?.truncated ?? false;
  const live = shownId !== null && shownId === runningId;
  // A slide shows every row, squeezed in; on screen rows keep a readable height and scroll.
  const rows = timeline ? rowLayout(size, timeline.rows.length, typeScale(look), look.exportRatio !== null) : null;
  const scrolls = rows?.scrolls ?? false;

  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas || size.width === 0) return;
    const ctx = canvas.getContext('2d');
    if (!ctx) return;
    painterRef.current ??= new TimelinePainter(canvas);
    const painter = painterRef.current;
    // Colours, patterns and the pixel ratio are read here, once per look and size, not per frame.
    const style = timelineStyle(ctx, canvasRatio(canvas));
    const paint = (): void => {
      const trace = archive.get(runId);
      const hint =
        trace && trace.endedAt !== null && trace.timelines.length === 0
          ? 'No workers ran in this run: its figures come from earlier runs.'
          : 'Press Run to see which worker holds the lock, and when.';
      const shownTimeline = shownId ? archive.find(runId, shownId) : undefined;
      const { zoom, frozen } = stage.getState();
      painter.paint(size, shownTimeline, style, hint, {
        live,
        zoom,
        until: replayUntil(stage, runId, shownTimeline),
        rows: { top: topRef.current, fitAll: look.exportRatio !== null },
        hold: live && frozen,
      });
      // The window drawn, for tests: "t0 t1" in ms of the step; and the rows in sight, "first-last" from 1.
      const showing = painter.showing();
      canvas.dataset.view = showing ? `${showing.view.t0.toFixed(3)} ${showing.view.t1.toFixed(3)}` : '';
      const [first, last] = showing ? visibleRows(showing.g) : [0, 0];
      canvas.dataset.rows = showing ? `${first + 1}-${last}` : '';
    };
    painter.reset();
    paint();
    paintRef.current = paint;
    // Drawn in the frame the panel re-renders in: new bars and figures appear together. Paused,
    // the live step keeps its picture while segments keep arriving; resuming draws them all.
    const offArchive = frameSignal(archive).subscribe(() => {
      if (!(live && stage.getState().frozen)) paint();
    });
    const offStage = frameSignal(stage).subscribe(paint);
    return () => {
      paintRef.current = null;
      offArchive();
      offStage();
    };
  }, [archive, runId, shownId, live, size, theme, look, fit, stage]);

  // A scroller (re)mounted, after a slide was taken or when the rows stopped fitting: it starts where the rows were.
  useLayoutEffect(() => {
    const scroller = scrollRef.current;
    if (!scroller || !rows) return;
    const { unit } = scrolledRows(scroller, rows.content);
    scroller.scrollTop = topRef.current * unit;
    topRef.current = scrolledRows(scroller, rows.content).top;
  }, [scrolls]); // Only a new scroller needs placing; a scroll keeps topRef current.

  const onScroll = (): void => {
    const scroller = scrollRef.current;
    if (!scroller || !rows) return;
    topRef.current = scrolledRows(scroller, rows.content).top;
    // Drawn in the scroll's own frame, so the names and bars move with the scroll bar.
    paintRef.current?.();
    if (hover) setHover(null);
  };

  const pointer = useTimelinePointer({
    canvasRef,
    bodyRef: boxRef,
    scrollRef,
    painterRef,
    stage,
    live,
    onHover: (x, y) => {
      const shown = painterRef.current?.showing();
      const hit = shown ? hitTest(shown.g, shown.timeline.rows, shown.view, x, y) : null;
      if (!shown || !hit) return setHover(null);
      const { segment } = hit;
      setHover({
        x,
        y,
        lines: [rowLabel(shown.timeline, hit.row), STATE_LOOKS[segment.state].label, `from ${formatMs(segment.start)} · for ${formatMs(segment.end - segment.start)}`],
      });
    },
    onLeave: () => setHover(null),
  });

  useEffect(() => {
    const panel = panelRef.current;
    if (!panel) return;
    const mark = (): void => markPanel(panel, archive, runId, shownId);
    mark();
    return frameSignal(archive).subscribe(mark, 'dom');
  }, [archive, runId, shownId]);

  return (
    <section
      ref={panelRef}
      className="panel timeline"
      aria-label="Lock timeline"
      data-testid="timeline-panel"
      data-run={run?.number ?? ''}
      data-mode={shown?.mode ?? ''}
      data-step={shown?.step ?? ''}
    >
      <div className="timeline-main">
        <div className="timeline-head">
          <h2 className="panel-title">
            Lock timeline
            {run ? <span className="panel-sub"> · run #{run.number}</span> : null}
          </h2>
          <StepPicker
            tabs={tabs}
            shownId={shownId}
            runningId={runningId}
            onPick={(stepId) => {
              stage.dispatch({ type: 'zoom-reset' });
              onPick(stepId);
            }}
          />
          <div className="timeline-zoom" role="group" aria-label="Zoom of the lock timeline">
            {frozen && live ? <span className="stage-paused" data-testid="timeline-paused">paused</span> : null}
            <button type="button" className="zoom-button" aria-label="Zoom in" title={scrolls ? 'Zoom in (or Ctrl + scroll on the timeline)' : 'Zoom in (or scroll on the timeline)'} onClick={() => pointer.zoomBy(0.5)} data-testid="timeline-zoom-in">
              +
            </button>
            <button type="button" className="zoom-button" aria-label="Zoom out" title="Zoom out" onClick={() => pointer.zoomBy(2)} data-testid="timeline-zoom-out">
              −
            </button>
            {zoomed ? (
              <button type="button" className="link-button" onClick={() => stage.dispatch({ type: 'zoom-reset' })} data-testid="timeline-zoom-reset">
                Whole step
              </button>
            ) : null}
          </div>
          {past ? (
            <button type="button" className="link-button" onClick={onLive} data-testid="timeline-back">
              Back to latest
            </button>
          ) : null}
        </div>
        {timeline?.python ? (
          <p className="real-caption" data-testid="timeline-real-caption">
            <span className="real-badge">real</span>
            {realCaption(timeline.python)}
          </p>
        ) : null}
        <div ref={boxRef} className="timeline-body" {...pointer.handlers}>
          <canvas
            ref={canvasRef}
            className={zoomed ? 'fill-canvas timeline-canvas zoomed' : 'fill-canvas timeline-canvas'}
            role="img"
            aria-label={describeTimeline(shown && timeline ? { step: shown.label, mode: timeline.mode, rows: timeline.rows.length } : undefined, result)}
            data-testid="timeline-canvas"
            data-zoomed={zoomed ? 'on' : 'off'}
            data-scrolls={scrolls ? 'on' : 'off'}
          />
          {rows && scrolls ? <RowScroller ref={scrollRef} layout={rows} rows={timeline?.rows.length ?? 0} zoomed={zoomed} onScroll={onScroll} /> : null}
          {hover ? (
            <div className="timeline-tip" role="tooltip" data-testid="timeline-tip" style={{ left: hover.x, top: hover.y }} data-export-skip="true">
              {hover.lines.map((line, i) => (
                <div key={i} className={i === 0 ? 'tip-title' : undefined}>
                  {line}
                </div>
              ))}
            </div>
          ) : null}
        </div>
      </div>
      <div className="side">
        <TimelineLegend states={timeline?.python ? REAL : showsBlocked(run?.experiment, timeline) ? [...BASIC, 'blocked'] : BASIC} real={Boolean(timeline?.python)} />
        <dl className="figures" data-testid="timeline-figures">
          <Figures result={result} timeline={timeline} archive={archive} runId={runId} />
        </dl>
        {truncated ? <p className="muted small">Long run: the oldest detail was dropped.</p> : null}
      </div>
    </section>
  );
}
