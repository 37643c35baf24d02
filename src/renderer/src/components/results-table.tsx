/**
 * Every measured step of the session in one table, newest run first: by default the runs of the
 * lesson shown, with that lesson's own figures as extra columns. Clicking a row brings back that
 * run: its lock timeline, its recorded cores, its sentences and chart.
 */
import type { Experiment } from '../../../shared/experiments';
import type { ModeResult } from '../../../shared/results';
import { fixedText, groupedText, MODE_TITLE, secondsFigure } from '../../../shared/format';
import type { RunRecord } from '../store/session';
import { lockCells } from './lock-cells';

interface Props {
  rows: readonly ModeResult[];
  runs: readonly RunRecord[];
  /** The lesson whose metric columns are shown. */
  lesson: Experiment;
  showLesson: boolean;
  /** Beside a wide picture: only the run, the step, the wall time and the lesson's own figures. */
  compact: boolean;
  shownRunId: string | null;
  onView: (runId: string) => void;
}

/** How many results each run has of each step, by run id then step id. */
function stepCounts(rows: readonly ModeResult[]): Map<string, Map<string, number>> {
  const counts = new Map<string, Map<string, number>>();
  for (const r of rows) {
    const ofRun = counts.get(r.runId) ?? new Map<string, number>();
    ofRun.set(r.stepId, (ofRun.get(r.stepId) ?? 0) + 1);
    counts.set(r.runId, ofRun);
  }
  return counts;
}

function LockFigures({ result }: { result: ModeResult }) {
  const { switches, waiting } = lockCells(result);
  return (
    <>
      <td className="num" title={switches.title}>
        {switches.text}
      </td>
      <td className="num" title={waiting.title} data-testid="result-waiting">
        {waiting.text}
      </td>
    </>
  );
}

export function ResultsTable({ rows, runs, lesson, showLesson, compact, shownRunId, onView }: Props) {
  const number = (runId: string): number => runs.find((r) => r.runId === runId)?.number ?? 0;
  const sorted = [...rows].sort((a, b) => number(b.runId) - number(a.runId));
  const newest = sorted[0]?.runId;
  const metrics = lesson.metrics;
  const speedups = rows.some((r) => r.speedup !== null);
  // A lesson with figures of its own gives up the general ones, so the table fits beside the chart.
  const lockFigures = !compact && metrics.length === 0;
  const busyColumn = !compact && metrics.length < 4;
  const workersColumn = !compact && metrics.length < 4;
  const columns = 3 + (workersColumn ? 1 : 0) + (busyColumn ? 2 : 0) + (showLesson ? 1 : 0) + (speedups ? 1 : 0) + (lockFigures ? 2 : 0) + metrics.length;
  // A step reported once per mode (the strategy's workloads) is told apart by its mode.
  const counts = stepCounts(rows);
  const stepText = (r: ModeResult): string => ((counts.get(r.runId)?.get(r.stepId) ?? 0) > 1 ? `${r.step} · ${MODE_TITLE[r.mode].toLowerCase()}` : r.step);
  return (
    <div className="table-scroll">
      <table className="results-table" data-testid="results-table">
        <thead>
          <tr>
            <th scope="col">Run</th>
            {showLesson ? <th scope="col">Lesson</th> : null}
            <th scope="col">Step</th>
            {workersColumn ? (
              <th scope="col" className="num">
                Workers
              </th>
            ) : null}
            <th scope="col" className="num">
              Wall{'\u00a0'}s
            </th>
            {speedups ? (
              <th scope="col" className="num">
                Speedup
              </th>
            ) : null}
            {busyColumn ? (
              <>
                <th scope="col" className="num" title="Cores the step used: its workers' CPU time over its wall time">
                  {/* Free to wrap: one word a line keeps the nine columns of a plain lesson inside the panel at 1920x1080. */}
                  Cores used
                </th>
                <th scope="col" className="num" title="The machine's cores busy, other programs included">
                  Busy
                </th>
              </>
            ) : null}
            {lockFigures ? (
              <>
                <th scope="col" className="num">
                  Switches
                </th>
                <th scope="col" className="num">
                  Waiting{'\u00a0'}s
                </th>
              </>
            ) : null}
            {metrics.map((m) => (
              <th key={m.key} scope="col" className="num">
                {m.label}
                {m.unit ? `\u00a0${m.unit}` : ''}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {sorted.length === 0 ? (
            <tr>
              <td colSpan={columns} className="muted empty-row">
                No runs of this lesson yet.
              </td>
            </tr>
          ) : (
            sorted.map((r) => {
              const classes = [r.runId === newest ? 'latest' : '', r.runId === shownRunId ? 'shown' : ''].filter(Boolean).join(' ');
              return (
                <tr
                  key={`${r.runId} ${r.stepId} ${r.mode}`}
                  className={classes || undefined}
                  tabIndex={0}
                  title={`Show run #${number(r.runId)} again: its lock timeline and cores`}
                  data-testid="result-row"
                  data-mode={r.mode}
                  data-step={r.step}
                  data-experiment={r.experiment}
                  data-engine={r.engine ?? 'lab'}
                  data-speedup={r.speedup === null ? '' : r.speedup.toFixed(4)}
                  data-run={number(r.runId)}
                  data-metrics={JSON.stringify(r.metrics)}
                  onClick={() => onView(r.runId)}
                  onKeyDown={(e) => {
                    if (e.key === 'Enter' || e.key === ' ') {
                      e.preventDefault();
                      onView(r.runId);
                    }
                  }}
                >
                  <td>#{number(r.runId)}</td>
                  {showLesson ? <td>{r.experiment}</td> : null}
                  <td className="step-cell">
                    <span className={`mode-dot chip-${r.mode}`} aria-hidden="true" />
                    <span title={MODE_TITLE[r.mode]}>{stepText(r)}</span>
                  </td>
                  {workersColumn ? <td className="num">{r.workers}</td> : null}
                  <td className="num">{secondsFigure(r.wallMs)}</td>
                  {speedups ? <td className="num strong">{fixedText(r.speedup, 2, 'x')}</td> : null}
                  {busyColumn ? (
                    <>
                      <td className="num">{fixedText(r.coresUsed, 2)}</td>
                      <td className="num">{fixedText(r.coresBusy, 2)}</td>
                    </>
                  ) : null}
                  {lockFigures ? <LockFigures result={r} /> : null}
                  {metrics.map((m) => (
                    <td key={m.key} className="num">
                      {groupedText(r.metrics?.[m.key], m.digits)}
                    </td>
                  ))}
                </tr>
              );
            })
          )}
        </tbody>
      </table>
    </div>
  );
}
