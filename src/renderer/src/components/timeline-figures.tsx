/** The lock timeline's figures beside it: the measured step's, or its segments so far while it runs. */
import type { ModeResult } from '../../../shared/results';
import type { RunArchive, StepTimeline } from '../store/run-archive';
import { coresFigure, metricFigure, seconds } from './format';
import { LiveValue } from './live-text';

/** Segments of a step so far: follows the batches without a React render, laid out on its own. */
function SegmentCount({ archive, runId, stepKey: key }: { archive: RunArchive; runId: string | null; stepKey: string }) {
  return <LiveValue source={archive} read={() => (archive.find(runId, key)?.segments ?? 0).toLocaleString('en')} />;
}

/** The figures of the step shown, from its result once it has one. */
export function Figures({ result, timeline, archive, runId }: { result: ModeResult | undefined; timeline: StepTimeline | undefined; archive: RunArchive; runId: string | null }) {
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
  if (result.engine === 'cpython') {
    // Seen from inside CPython: turns between threads, and CPU used; waiting cannot be seen, so it is not shown.
    return (
      <>
        <dt>wall time</dt>
        <dd>{seconds(result.wallMs)} s</dd>
        <dt title="A change of the thread seen running">turns seen</dt>
        <dd>{result.gilSwitches.toLocaleString('en')}</dd>
        <dt title="CPU time of the step's threads or processes over its wall time">cores used</dt>
        <dd>{coresFigure(result.coresUsed)}</dd>
        {typeof hold === 'number' ? (
          <>
            <dt>median turn</dt>
            <dd>{metricFigure(hold, 2)} ms</dd>
          </>
        ) : null}
      </>
    );
  }
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

