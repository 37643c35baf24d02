/**
 * Results: the lesson's picture of the run shown and the table of every measured step (the words
 * about it are in the lesson column). A short history of runs and the table's rows both bring a
 * past run back.
 */
import { useState } from 'react';
import type { Experiment } from '../../../shared/experiments';
import type { ModeResult } from '../../../shared/results';
import type { ThemeName } from '../drawing/look';
import type { RunArchive } from '../store/run-archive';
import { runResults, type RunRecord } from '../store/session';
import { ResultsChart, WIDE_KINDS } from './charts/results-chart';
import { ResultsTable } from './results-table';
import { CompareChart } from './charts/compare-chart';
import { SideBySideTable } from './side-by-side-table';
import { labResults, realResults } from '../../../shared/side-by-side';

interface Props {
  runs: readonly RunRecord[];
  results: readonly ModeResult[];
  experiments: readonly Experiment[];
  /** The lesson open on the left. */
  selected: Experiment;
  /** The run shown (going, picked or the lesson's latest). */
  shown: RunRecord | null;
  onView: (runId: string) => void;
  archive: RunArchive;
  cores: number;
  theme: ThemeName;
}

/** Runs listed in the history strip. */
const HISTORY_RUNS = 8;

export function ResultsPanel(props: Props) {
  const { runs, results, experiments, selected, shown, onView, archive, cores, theme } = props;
  const [scope, setScope] = useState<'lesson' | 'all'>('lesson');
  const lesson = experiments.find((e) => e.id === shown?.experiment) ?? selected;
  const own = runResults(results, shown?.runId ?? null);
  const scoped = scope === 'all' ? runs : runs.filter((r) => r.experiment === lesson.id);
  const history = scoped.filter((r) => results.some((x) => x.runId === r.runId) || r.runId === shown?.runId).slice(-HISTORY_RUNS).reverse();
  const rows = scope === 'all' ? results : results.filter((r) => r.experiment === lesson.id);
  const earlier = runs
    .filter((r) => r.experiment === lesson.id && shown !== null && r.number < shown.number)
    .map((r) => ({ number: r.number, results: runResults(results, r.runId) }))
    .filter((r) => r.results.length > 0);
  const firstStep = archive.get(shown?.runId ?? null)?.timelines[0];
  // A run on real CPython is read side by side with the simulation (the full table is under "All lessons").
  const paired = scope === 'lesson' && realResults(own).length > 0;

  return (
    <section className="panel results" aria-label="Results" data-testid="results-panel" data-run={shown?.number ?? ''}>
      <div className="results-head">
        <h2 className="panel-title">Results</h2>
        <div className="scope" role="group" aria-label="Rows shown" data-testid="results-scope">
          <button type="button" className={scope === 'lesson' ? 'seg active' : 'seg'} aria-pressed={scope === 'lesson'} onClick={() => setScope('lesson')}>
            This lesson
          </button>
          <button type="button" className={scope === 'all' ? 'seg active' : 'seg'} aria-pressed={scope === 'all'} onClick={() => setScope('all')} data-testid="results-scope-all">
            All lessons
          </button>
        </div>
        {history.length > 0 ? (
          <ol className="run-history" aria-label="Runs" data-testid="run-history">
            {history.map((r) => (
              <li key={r.runId}>
                <button
                  type="button"
                  className={r.runId === shown?.runId ? 'run-chip active' : 'run-chip'}
                  aria-pressed={r.runId === shown?.runId}
                  title={`Run #${r.number}: ${r.experiment}, ${r.outcome}`}
                  data-testid="run-chip"
                  data-run={r.number}
                  onClick={() => onView(r.runId)}
                >
                  #{r.number}
                  {scope === 'all' ? <span className="run-chip-lesson"> {r.experiment}</span> : null}
                  {r.outcome === 'cancelled' || r.outcome === 'failed' ? <span className="run-chip-outcome"> {r.outcome}</span> : null}
                </button>
              </li>
            ))}
          </ol>
        ) : null}
      </div>
      {paired ? (
        <div className="results-body side-by-side-body" data-testid="results-side-by-side">
          <SideBySideTable results={own} metrics={lesson.metrics} />
          <div className="results-chart" data-chart="compare">
            {labResults(own).length > 0 ? <CompareChart results={own} metrics={lesson.metrics} theme={theme} /> : <ResultsChart kind={lesson.chart} results={own} number={shown?.number ?? null} earlier={[]} labels={firstStep?.labels ?? []} cores={cores} theme={theme} />}
          </div>
        </div>
      ) : (
      <div className={`results-body chart-kind-${lesson.chart}${WIDE_KINDS.includes(lesson.chart) ? ' wide-chart' : scope === 'all' ? ' all-lessons' : ''}`}>
        <ResultsTable rows={rows} runs={runs} lesson={lesson} showLesson={scope === 'all'} compact={WIDE_KINDS.includes(lesson.chart)} shownRunId={shown?.runId ?? null} onView={onView} />
        <div className="results-chart" data-chart={lesson.chart}>
          <ResultsChart
            kind={lesson.chart}
            results={own}
            number={shown?.number ?? null}
            earlier={earlier}
            labels={firstStep?.labels ?? []}
            cores={cores}
            theme={theme}
          />
        </div>
      </div>
      )}
    </section>
  );
}
