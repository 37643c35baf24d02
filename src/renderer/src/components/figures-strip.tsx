/**
 * Presentation mode's headline strip: the figures the room came for (wall time, speedup, cores
 * used by the run beside the machine's cores busy) of each step of the run shown, in type large enough for the back row (the cores busy right
 * now stay in the cores panel). Shown only in presentation mode; every figure is the run's own.
 */
import type { ModeResult } from '../../../shared/results';
import { busyCores } from '../../../shared/stats';
import { fixedText, secondsFigure } from '../../../shared/format';
import { MODE_VAR } from '../drawing/palette';
import { useFrameValue } from '../drawing/frame-signal';
import type { CoreHistory } from '../store/core-history';
import { LiveValue } from './live-text';

interface Props {
  results: readonly ModeResult[];
  /** The run's number, or null before any run. */
  number: number | null;
  history: CoreHistory;
  cores: number;
}

/** Steps shown; a longer run shows its last ones (the comparison ends there). */
const MAX_STEPS = 4;

export function FiguresStrip({ results, number, history, cores }: Props) {
  const steps = results.slice(-MAX_STEPS);
  // Only the "measuring" line follows the samples, without a React render (see LiveValue).
  const lanes = useFrameValue(history, () => history.latest()?.loads.length ?? cores);
  return (
    <section className={steps.length >= 3 ? 'figures-strip dense' : 'figures-strip'} aria-label="Headline figures" data-testid="figures-strip" data-steps={steps.length}>
      {steps.length === 0 ? (
        <p className="strip-empty">
          {number === null ? 'Press Space to run: wall time, speedup and cores used of each step appear here.' : (
            <>
              Measuring…{' '}
              <LiveValue
                source={history}
                read={() => {
                  const latest = history.latest();
                  return fixedText(latest ? busyCores(latest) : null, 1);
                }}
              />{' '}
              of {lanes} cores busy now.
            </>
          )}
        </p>
      ) : (
        steps.map((r) => (
          <div key={`${r.stepId} ${r.mode}`} className="strip-cell" data-testid="strip-step" style={{ ['--mode' as string]: `var(${MODE_VAR[r.mode]})` }}>
            <span className="strip-label">{r.step}</span>
            <span className="strip-figures">
              <span className="strip-big">
                {secondsFigure(r.wallMs)}
                <span className="strip-unit"> s</span>
              </span>
              {r.speedup !== null ? (
                <span className="strip-mid">
                  {fixedText(r.speedup, 2, 'x')}
                  <span className="strip-unit strip-word"> speedup</span>
                </span>
              ) : null}
              {/* The run's own cores first: other programs on the laptop can raise cores busy, never these. */}
              <span className="strip-mid" title="Cores this step used: its workers' CPU time over its wall time">
                {fixedText(r.coresUsed, 1)}
                <span className="strip-unit"> cores used</span>
              </span>
              <span className="strip-mid" title="The machine's cores busy over the step, other programs included (what the lanes show)">
                {fixedText(r.coresBusy, 1)}
                <span className="strip-unit"> busy</span>
              </span>
            </span>
          </div>
        ))
      )}
    </section>
  );
}
