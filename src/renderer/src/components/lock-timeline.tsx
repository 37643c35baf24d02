/**
 * The lock timeline: one row per worker of a step, coloured by what it was doing: holding the
 * GIL, waiting for it, in I/O with it released, or running with no shared GIL. This is the
 * picture no system monitor shows; tabs switch between the steps of the run shown (the one going,
 * or a past one brought back from the results).
 */
import { useEffect, useRef, useState } from 'react';
import { useFit } from '../lib/fit';
import { metricFigure, seconds } from '../lib/format';
import { frameSignal, useFrameValue } from '../lib/frame-signal';
import { getLook, typeScale, useLook } from '../lib/look';
import { STATE_LOOKS, stateFills } from '../lib/palette';
import { cssVar, fontFamily, type ThemeName } from '../lib/theme';
import { TimelinePainter, type TimelineStyle } from '../lib/timeline-draw';
import { canvasRatio, useSize } from '../lib/use-size';
import { stepKey, tabLabel, type DrawnState, type RunArchive, type StepTimeline } from '../state/run-archive';
import { findExperiment } from '../../../lessons/catalogue';
import type { ModeResult } from '../../../shared/results';
import type { RunRecord } from '../state/session';
import { LiveValue } from './live-text';

interface Props {
  archive: RunArchive;
  run: RunRecord | null;
  /** Step and mode running now in the shown run, which the view follows until a tab is picked. */
  running: { step: string; mode: ModeResult['mode'] } | null;
  results: readonly ModeResult[];
  /** True when the run shown was brought back from the past. */
  past: boolean;
  onLive: () => void;
  theme: ThemeName;
}

/** Always in the legend; "blocked" joins them where a run can block on another lock. */
const BASIC: readonly DrawnState[] = ['holding', 'waiting', 'io', 'free'];

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
  return `${trace.timelines.map((t) => `${t.key}\u0001${t.blocked ? 1 : 0}`).join('\u0002')}|${trace.endedAt !== null}|${trace.truncated}`;
}

/** Segments of a step so far: follows the batches without a React render, laid out on its own. */
function SegmentCount({ archive, runId, stepKey: key }: { archive: RunArchive; runId: string | null; stepKey: string }) {
  return <LiveValue source={archive} read={() => (archive.find(runId, key)?.segments ?? 0).toLocaleString('en')} />;
}

/** Segments of the run and of the step shown, as the panel's data attributes (tests and the benchmark read them). */
function markPanel(panel: HTMLElement, archive: RunArchive, runId: string | null, key: string | null): void {
  const trace = archive.get(runId);
  panel.dataset.segments = String(trace?.timelines.reduce((sum, t) => sum + t.segments, 0) ?? 0);
  panel.dataset.modeSegments = String((key !== null ? archive.find(runId, key)?.segments : undefined) ?? 0);
}

/** Tabs shrink beyond MANY_TABS, and turn into a drop-down when their labels would not fit on two rows. */
const MANY_TABS = 5;
const MAX_TAB_CHARS = 72;

function styleFor(ctx: CanvasRenderingContext2D, ratio: number): TimelineStyle {
  return {
    ratio,
    fills: stateFills(ctx, cssVar, ratio),
    scale: typeScale(getLook()),
    text: cssVar('--text'),
    muted: cssVar('--muted'),
    grid: cssVar('--grid'),
    rowBg: cssVar('--lane-bg'),
    panel: cssVar('--panel'),
    font: fontFamily(),
  };
}

const slug = (text: string): string => text.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');

interface Tab {
  key: string;
  label: string;
  step: string;
  mode: string;
  timeline: StepTimeline | undefined;
}

/** Steps with a timeline in arrival order, then planned steps that have not started yet. */
function tabsOf(archive: RunArchive, run: RunRecord | null): Tab[] {
  const trace = archive.get(run?.runId ?? null);
  if (!trace) return [];
  const started: Tab[] = trace.timelines.map((t) => ({ key: t.key, label: tabLabel(trace, t), step: t.step, mode: t.mode, timeline: t }));
  // Steps still to come, while the run goes (a finished run's plan may name rows, not steps: the strategy table).
  const planned: Tab[] = (trace.endedAt === null ? trace.steps : [])
    .filter((step) => !trace.timelines.some((t) => t.step === step))
    .map((step) => ({ key: `planned:${step}`, label: step, step, mode: '', timeline: undefined }));
  return [...started, ...planned];
}

/** The figures of the step shown, from its result once it has one. */
function Figures({ result, timeline, archive, runId }: { result: ModeResult | undefined; timeline: StepTimeline | undefined; archive: RunArchive; runId: string | null }) {
  if (!result) {
    return timeline ? (
      <>
        <dt>segments</dt>
        <dd>
          <SegmentCount archive={archive} runId={runId} stepKey={timeline.key} />
        </dd>
      </>
    ) : null;
  }
  const hold = result.metrics['medianHoldMs'];
  return (
    <>
      <dt>wall time</dt>
      <dd>{seconds(result.wallMs)} s</dd>
      <dt>GIL switches</dt>
      <dd>{result.gilSwitches.toLocaleString('en')}</dd>
      <dt>time waiting</dt>
      <dd>{seconds(result.waitMs)} s</dd>
      {typeof hold === 'number' ? (
        <>
          <dt>median hold</dt>
          <dd>{metricFigure(hold, 2)} ms</dd>
        </>
      ) : null}
    </>
  );
}

/** Timeline panel with step tabs, legend and the measured figures of the step shown. */
export function LockTimeline({ archive, run, running, results, past, onLive, theme }: Props) {
  const runId = run?.runId ?? null;
  // Batches arrive several times a second; the panel re-renders when what it shows changes (see shapeOfRun).
  useFrameValue(archive, () => shapeOfRun(archive, runId));
  const look = useLook();
  const fit = useFit();
  const [picked, setPicked] = useState<string | null>(null);
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const painterRef = useRef<TimelinePainter | null>(null);
  const panelRef = useRef<HTMLElement>(null);
  const boxRef = useRef<HTMLDivElement>(null);
  const size = useSize(boxRef);
  const runningKey = running ? stepKey(running.step, running.mode) : null;

  // A new step starting, or another run shown, takes the view back to what is running or latest.
  useEffect(() => setPicked(null), [runningKey, runId]);

  const tabs = tabsOf(archive, run);
  const available = tabs.filter((t) => t.timeline);
  const shownKey = (picked && available.some((t) => t.key === picked) ? picked : null) ?? runningKey ?? available[available.length - 1]?.key ?? null;
  const shown = available.find((t) => t.key === shownKey);
  const timeline = shown?.timeline;
  const result = shown ? results.find((r) => r.step === shown.step && r.mode === shown.mode) : undefined;
  const truncated = archive.get(runId)?.truncated ?? false;
  const live = shownKey !== null && shownKey === runningKey;

  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas || size.width === 0) return;
    const ctx = canvas.getContext('2d');
    if (!ctx) return;
    painterRef.current ??= new TimelinePainter(canvas);
    const painter = painterRef.current;
    // Colours, patterns and the pixel ratio are read here, once per look and size, not per frame.
    const style = styleFor(ctx, canvasRatio(canvas));
    const paint = (): void => {
      const trace = archive.get(runId);
      const hint =
        trace && trace.endedAt !== null && trace.timelines.length === 0
          ? 'No workers ran in this run: its figures come from earlier runs.'
          : 'Press Run to see which worker holds the lock, and when.';
      painter.paint(size, shownKey ? archive.find(runId, shownKey) : undefined, style, hint, live);
    };
    painter.reset();
    paint();
    // Drawn in the frame the panel re-renders in: new bars and figures appear together.
    return frameSignal(archive).subscribe(paint);
  }, [archive, runId, shownKey, live, size, theme, look, fit]);

  useEffect(() => {
    const panel = panelRef.current;
    if (!panel) return;
    const mark = (): void => markPanel(panel, archive, runId, shownKey);
    mark();
    return frameSignal(archive).subscribe(mark, 'dom');
  }, [archive, runId, shownKey]);

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
          {tabs.reduce((n, t) => n + t.label.length + 3, 0) > MAX_TAB_CHARS ? (
            <select
              className="step-select"
              aria-label="Step shown"
              data-testid="timeline-step-select"
              value={shownKey ?? ''}
              onChange={(e) => setPicked(e.target.value)}
            >
              {tabs.map((tab) => (
                <option key={tab.key} value={tab.key} disabled={!tab.timeline}>
                  {tab.label}
                  {tab.key === runningKey ? ' (running)' : ''}
                </option>
              ))}
            </select>
          ) : (
            <div className={tabs.length > MANY_TABS ? 'tabs many' : 'tabs'} role="tablist" aria-label="Step shown">
              {tabs.map((tab) => (
                <button
                  key={tab.key}
                  type="button"
                  role="tab"
                  aria-selected={tab.key === shownKey}
                  className={tab.key === shownKey ? 'tab active' : 'tab'}
                  disabled={!tab.timeline}
                  data-testid={`timeline-tab-${slug(tab.label)}`}
                  data-step={tab.step}
                  data-mode={tab.mode}
                  onClick={() => setPicked(tab.key)}
                >
                  {tab.label}
                  {tab.key === runningKey ? <span className="live-dot" aria-label="running" /> : null}
                </button>
              ))}
            </div>
          )}
          {past ? (
            <button type="button" className="link-button" onClick={onLive} data-testid="timeline-back">
              Back to latest
            </button>
          ) : null}
        </div>
        <div ref={boxRef} className="timeline-body">
          <canvas
            ref={canvasRef}
            className="fill-canvas"
            role="img"
            aria-label={shown ? `Lock timeline of ${shown.label}` : 'Lock timeline, empty'}
          />
        </div>
      </div>
      <div className="side">
        <ul className="legend" aria-label="Legend">
          {(showsBlocked(run?.experiment, timeline) ? [...BASIC, 'blocked' as const] : BASIC).map((state) => (
            <li key={state} data-testid={`legend-${state}`}>
              <span className={`swatch swatch-${state}`} aria-hidden="true" />
              {STATE_LOOKS[state].label}
            </li>
          ))}
        </ul>
        <dl className="figures" data-testid="timeline-figures">
          <Figures result={result} timeline={timeline} archive={archive} runId={runId} />
        </dl>
        {truncated ? <p className="muted small">Long run: the oldest detail was dropped.</p> : null}
      </div>
    </section>
  );
}
