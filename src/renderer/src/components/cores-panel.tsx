/**
 * Live cores: the headline "cores busy" figure and one lane per logical core. Lanes switch to a
 * heat strip when they would be thinner than MIN_LANE_PX, so 2 cores and 128 cores both read.
 */
import { useRef, useSyncExternalStore } from 'react';
import { busyCores } from '../../../shared/stats';
import { coresFigure } from '../lib/format';
import { heatGradient } from '../lib/heat-colour';
import type { ThemeName } from '../lib/theme';
import { useSize } from '../lib/use-size';
import type { CoreHistory } from '../state/core-history';
import { CoreLanes } from './core-lanes';
import { HeatStrip } from './heat-strip';

/** Below this lane height a filled line no longer shows its level; use colour instead. */
const MIN_LANE_PX = 8;
/** Room the lane chart spends on its time axis. */
const AXIS_PX = 32;

interface Props {
  history: CoreHistory;
  /** Logical cores of the machine; the first sample's width wins if it differs. */
  cores: number;
  theme: ThemeName;
  measuring: boolean;
}

/** The panel; exposes lanes, samples received and the latest figure as data attributes. */
export function CoresPanel({ history, cores, theme, measuring }: Props) {
  useSyncExternalStore(history.subscribe, history.getVersion);
  const bodyRef = useRef<HTMLDivElement>(null);
  const size = useSize(bodyRef);
  const latest = history.latest();
  const lanes = Math.max(1, latest?.loads.length ?? cores);
  const busy = latest ? busyCores(latest) : null;
  const mean = history.runningMean();
  const strip = size.height > 0 && (size.height - AXIS_PX) / lanes < MIN_LANE_PX;

  return (
    <section
      className="panel cores"
      aria-label="Live cores"
      data-testid="cores-panel"
      data-lanes={lanes}
      data-samples={history.received}
      data-last-busy={busy === null ? '0' : busy.toFixed(3)}
      data-view={strip ? 'heat-strip' : 'lanes'}
      // Many cores need height more than the timeline does; give them a larger share.
      style={{ flexGrow: lanes > 16 ? 1.4 : 0.85 }}
    >
      <div className="cores-main">
        <h2 className="panel-title">
          Live cores <span className="panel-sub">· {lanes} logical · last 30 s</span>
        </h2>
        <div ref={bodyRef} className="cores-body">
          {size.height > 0 ? (
            strip ? (
              <HeatStrip history={history} lanes={lanes} size={size} theme={theme} />
            ) : (
              <CoreLanes history={history} lanes={lanes} theme={theme} />
            )
          ) : null}
        </div>
      </div>
      <div className="side headline" data-testid="cores-busy">
        <span className="headline-figure">{coresFigure(busy, 1)}</span>
        <span className="headline-label">
          cores busy <span className="muted">of {lanes}</span>
        </span>
        <span className={mean !== null || measuring ? 'headline-mean' : 'headline-mean hidden'}>
          mean this mode <strong>{coresFigure(mean, 2)}</strong>
        </span>
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
