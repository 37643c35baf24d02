/**
 * Cores: the headline "cores busy" figure and one lane per logical core, live, or as recorded
 * during a past run brought back from the results. Lanes switch to a heat strip when they would
 * be thinner than MIN_LANE_PX, so 2 cores and 128 cores both read.
 */
import { memo, useEffect, useMemo, useRef } from 'react';
import { busyCores, mean } from '../../../shared/stats';
import { fixedText } from '../../../shared/format';
import { frameSignal, useFrameValue } from '../drawing/frame-signal';
import { heatGradient } from '../drawing/heat-colour';
import { useLook } from '../drawing/look';
import type { ThemeName } from '../drawing/look';
import { useSize } from './use-size';
import { recordedSource, replaySource, type CoreHistory, type LaneSource } from '../store/core-history';
import type { LaneMark, LaneWindow } from '../drawing/lane-axis';
import type { RunArchive, RunTrace } from '../store/run-archive';
import { replaySpan, type StageStore } from '../store/stage';
import { LIMITS } from '../../../shared/limits';
import { NumberField } from './controls';
import { CoreLanes } from './core-lanes';
import { HeatStrip } from './heat-strip';
import { LiveValue } from './live-text';

/** Below this lane height a filled line no longer shows its level; use colour instead. */
const MIN_LANE_PX = 8;
/** Room the lane chart spends on its time axis. */
const AXIS_PX = 32;
const LIVE: LaneWindow = { kind: 'live' };

interface Props {
  history: CoreHistory;
  /** Logical cores of the machine; the first sample's width wins if it differs. */
  cores: number;
  theme: ThemeName;
  measuring: boolean;
  /** The run whose steps are marked on the lanes (the one going, or the one shown). */
  trace: RunTrace | null;
  /** Set when a past run was brought back: its recorded samples replace the live lanes. */
  recorded: { trace: RunTrace; number: number } | null;
  onLive: () => void;
  /** The sampling rate as typed; checked where the controls' messages are shown. */
  hzText: string;
  onHzText: (text: string) => void;
  /** Pause and replay (see store/stage.ts); a replay's run is read from the archive. */
  stage: StageStore;
  archive: RunArchive;
}

/** Step starts of a run, as marks on the lanes. */
function marksOf(trace: RunTrace | null): LaneMark[] {
  if (!trace) return [];
  return trace.timelines.filter((t) => t.startedAt !== null).map((t) => ({ t: t.startedAt as number, label: t.step }));
}

/** Samples received and the latest cores busy, as the panel's data attributes (tests and the benchmark read them). */
function markPanel(panel: HTMLElement, history: CoreHistory): void {
  const latest = history.latest();
  panel.dataset.samples = String(history.received);
  panel.dataset.lastBusy = latest ? busyCores(latest).toFixed(3) : '0';
}

const busyNow = (history: CoreHistory): string => {
  const latest = history.latest();
  return fixedText(latest ? busyCores(latest) : null, 1);
};

/**
 * The live headline: cores busy now and the running mean of the step. Its figures follow the
 * samples without a React render (see LiveValue); it re-renders only when the mean starts or stops.
 */
const LiveHeadline = memo(function LiveHeadline({ history, lanes, measuring }: { history: CoreHistory; lanes: number; measuring: boolean }) {
  const averaging = useFrameValue(history, () => history.runningMean() !== null);
  return (
    <>
      <span className="headline-figure">
        <LiveValue source={history} read={() => busyNow(history)} />
      </span>
      <span className="headline-label">
        cores busy <span className="muted">of {lanes}</span>
      </span>
      <span className={averaging || measuring ? 'headline-mean' : 'headline-mean hidden'}>
        mean this step{' '}
        <strong>
          <LiveValue source={history} read={() => fixedText(history.runningMean(), 2)} />
        </strong>
      </span>
    </>
  );
});

/** The panel; exposes lanes, samples received and the latest figure as data attributes. */
export function CoresPanel({ history, cores, theme, measuring, trace, recorded: chosen, onLive, hzText, onHzText, stage, archive }: Props) {
  // A replay shows its run's recorded samples, as far as its clock has reached.
  const replayRun = useFrameValue(stage, () => stage.getState().replay?.runId ?? null);
  const replayTrace = replayRun !== null ? archive.get(replayRun) : undefined;
  const recorded = replayTrace ? { trace: replayTrace, number: chosen?.trace === replayTrace ? chosen.number : null } : chosen;
  // Re-rendered when the width of a sample changes (the lane count), not on every sample.
  const width = useFrameValue(history, () => history.latest()?.loads.length ?? 0);
  const { presentation } = useLook();
  const panelRef = useRef<HTMLElement>(null);
  const bodyRef = useRef<HTMLDivElement>(null);
  const size = useSize(bodyRef);
  const shownTrace = recorded?.trace ?? trace;
  const timelineCount = shownTrace?.timelines.length ?? 0;
  // Recomputed when a step starts (the timelines grow), not on every sample.
  const marks = useMemo(() => marksOf(shownTrace), [shownTrace, timelineCount]);
  const sampleCount = recorded?.trace.samples.length ?? 0;
  const recordedTrace = recorded?.trace ?? null;
  const source: LaneSource = useMemo(
    () => (replayTrace ? replaySource(replayTrace.samples, stage) : recordedTrace ? recordedSource(recordedTrace.samples.slice()) : history),
    [replayTrace, recordedTrace, history, sampleCount, stage],
  );
  const range: LaneWindow = useMemo(() => {
    if (!recordedTrace) return LIVE;
    const span = replayTrace ? replaySpan(replayTrace) : null;
    if (span) return { kind: 'recorded', from: span.from, to: span.to };
    const samples = recordedTrace.samples;
    const from = samples[0]?.t ?? recordedTrace.startedAt;
    const to = Math.max(samples[samples.length - 1]?.t ?? from, recordedTrace.endedAt ?? from);
    return { kind: 'recorded', from, to };
  }, [recordedTrace, replayTrace]);

  useEffect(() => {
    const panel = panelRef.current;
    if (!panel) return;
    markPanel(panel, history);
    return frameSignal(history).subscribe(() => markPanel(panel, history), 'dom');
  }, [history]);

  const lanes = Math.max(1, (recorded ? recorded.trace.samples[0]?.loads.length : width || undefined) ?? cores);
  const recordedMean = useMemo(() => (recordedTrace && recordedTrace.samples.length > 0 ? mean(recordedTrace.samples.map(busyCores)) : null), [recordedTrace, sampleCount]);
  const runName = recorded?.number != null ? `run #${recorded.number}` : 'the run';
  const strip = size.height > 0 && (size.height - AXIS_PX) / lanes < MIN_LANE_PX;

  return (
    <section
      ref={panelRef}
      // Three-digit core counts need a narrower headline figure ("129.1" of 256).
      className={`panel cores${recorded ? ' recorded' : ''}${lanes >= 100 ? ' many-cores' : ''}`}
      aria-label={recorded ? 'Cores during a past run' : 'Live cores'}
      data-testid="cores-panel"
      data-lanes={lanes}
      data-view={strip ? 'heat-strip' : 'lanes'}
      data-window={replayTrace ? 'replay' : range.kind}
      // Many cores need height more than the timeline does; give them a larger share. Presenting,
      // a few lanes give theirs to the timeline and the results below.
      // Past 128 lanes the strip needs more height still: a row of pixels per core at 1080p.
      style={{ flexGrow: lanes > 128 ? 2.4 : lanes > 16 ? 1.4 : presentation && lanes <= 4 ? 0.8 : 0.85 }}
    >
      <div className="cores-main">
        <div className="cores-head">
          <h2 className="panel-title">
            {recorded ? (
              <>
                Cores during {runName} <span className="panel-sub">· {replayTrace ? 'replay' : 'recorded'} · {lanes} logical</span>
              </>
            ) : (
              <>
                Live cores <span className="panel-sub">· {lanes} logical · last 30 s</span>
              </>
            )}
          </h2>
          {chosen && !replayTrace ? (
            <button type="button" className="link-button" onClick={onLive} data-testid="cores-live">
              Back to live
            </button>
          ) : null}
          <div className="sampling">
            <NumberField
              id="sample-hz"
              name="Sampling rate (Hz)"
              label="Sampling"
              unit="Hz"
              value={hzText}
              min={LIMITS.sampleHz.min}
              max={LIMITS.sampleHz.max}
              step={1}
              disabled={false}
              onChange={onHzText}
            />
          </div>
        </div>
        <div ref={bodyRef} className="cores-body">
          {size.height > 0 ? (
            strip ? (
              <HeatStrip history={source} range={range} marks={marks} lanes={lanes} size={size} theme={theme} stage={stage} />
            ) : (
              <CoreLanes source={source} range={range} marks={marks} lanes={lanes} size={size} theme={theme} stage={stage} />
            )
          ) : null}
        </div>
      </div>
      <div className="side headline" data-testid="cores-busy">
        {recorded ? (
          <>
            <span className="headline-figure">{fixedText(recordedMean, 1)}</span>
            <span className="headline-label">
              cores busy <span className="muted">mean of {runName}</span>
            </span>
          </>
        ) : (
          <LiveHeadline history={history} lanes={lanes} measuring={measuring} />
        )}
        {strip ? (
          <span className="heat-legend" aria-label="Colour scale: 0 to 100 percent load">
            <span>0 %</span>
            <span className="heat-ramp" style={{ background: heatGradient() }} />
            <span>100 %</span>
          </span>
        ) : null}
      </div>
    </section>
  );
}
