/** The lock timeline's figures beside it: the measured step's, or its segments so far while it runs. */
import type { ModeResult } from '../../../shared/results';
import type { RunArchive, StepTimeline } from '../store/run-archive';
import { metricFigure, seconds } from './format';
import { LiveValue } from './live-text';

/** Segments of a step so far: follows the batches without a React render, laid out on its own. */
function SegmentCount({ archive, runId, stepId }: { archive: RunArchive; runId: string | null; stepId: string }) {
  return <LiveValue source={archive} read={() => (archive.find(runId, stepId)?.segments ?? 0).toLocaleString('en')} />;
}

/** The figures of the step shown, from its result once it has one. */
export function Figures({ result, timeline, archive, runId }: { result: ModeResult | undefined; timeline: StepTimeline | undefined; archive: RunArchive; runId: string | null }) {
  if (!result) {
    return timeline ? (
      <>
        <dt>segments</dt>
        <dd>
          <SegmentCount archive={archive} runId={runId} stepId={timeline.stepId} />
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

