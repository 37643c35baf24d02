/** The lock timeline's figures beside it: the measured step's, or its segments so far while it runs. */
import type { ModeResult } from '../../../shared/results';
import type { RunArchive, StepTimeline } from '../store/run-archive';
import { fixedText, groupDigits, groupedText, secondsText } from '../../../shared/format';
import { LiveValue } from './live-text';
import { seenLockFigures } from '../../../shared/lock-figures';

/** Segments of a step so far: follows the batches without a React render, laid out on its own. */
function SegmentCount({ archive, runId, stepId }: { archive: RunArchive; runId: string | null; stepId: string }) {
  return <LiveValue source={archive} read={() => groupDigits(archive.find(runId, stepId)?.segments ?? 0)} />;
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
  if (result.engine === 'cpython') {
    // Seen from inside CPython: turns between threads, and CPU used; waiting cannot be seen, so it is not shown.
    return (
      <>
        <dt>wall time</dt>
        <dd>{secondsText(result.wallMs)}</dd>
        <dt title="A change of the thread seen running">turns seen</dt>
        <dd>{groupedText(seenLockFigures(result).switches, 0)}</dd>
        <dt title="CPU time of the step's threads or processes over its wall time">cores used</dt>
        <dd>{fixedText(result.coresUsed, 2)}</dd>
        {typeof hold === 'number' ? (
          <>
            <dt>median turn</dt>
            <dd>{groupedText(hold, 2)} ms</dd>
          </>
        ) : null}
      </>
    );
  }
  return (
    <>
      <dt>wall time</dt>
      <dd>{secondsText(result.wallMs)}</dd>
      <dt>GIL switches</dt>
      <dd>{groupDigits(result.gilSwitches)}</dd>
      <dt>time waiting</dt>
      <dd>{secondsText(result.waitMs)}</dd>
      {typeof hold === 'number' ? (
        <>
          <dt>median hold</dt>
          <dd>{groupedText(hold, 2)} ms</dd>
        </>
      ) : null}
    </>
  );
}

