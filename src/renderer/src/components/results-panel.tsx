/**
 * Results of the session: what the latest run showed in words, every measured mode in a table
 * (newest run first, highlighted), and the speedups side by side.
 */
import type { Experiment } from '../../../shared/experiments';
import type { ModeResult } from '../../../shared/results';
import { coresFigure, MODE_LABEL, seconds, times } from '../lib/format';
import type { ThemeName } from '../lib/theme';
import { modeSentence, predictionSentence } from '../lib/verdict';
import type { RunRecord } from '../state/session';
import { SpeedupChart } from './speedup-chart';

interface Props {
  runs: readonly RunRecord[];
  results: readonly ModeResult[];
  experiments: readonly Experiment[];
  theme: ThemeName;
}

/** The newest run that measured something, with its results in run order. */
function latestRun(runs: readonly RunRecord[], results: readonly ModeResult[]): { run: RunRecord; results: ModeResult[] } | null {
  for (let i = runs.length - 1; i >= 0; i--) {
    const run = runs[i] as RunRecord;
    const own = results.filter((r) => r.runId === run.runId);
    if (own.length > 0) return { run, results: own };
  }
  return null;
}

/** The latest run in words: the prediction against the outcome, then one sentence per mode. */
function useVerdict(runs: readonly RunRecord[], results: readonly ModeResult[], experiments: readonly Experiment[]) {
  const latest = latestRun(runs, results);
  if (!latest) return { prediction: null, lines: [] as { mode: ModeResult['mode']; text: string }[] };
  const task = experiments.find((e) => e.id === latest.run.experiment)?.task ?? latest.results[0]?.task ?? 'cpu';
  const shown = latest.results.length > 1 ? latest.results.filter((r) => r.mode !== 'sequential') : latest.results;
  return {
    prediction: latest.run.outcome === 'running' ? null : predictionSentence(latest.run.prediction, latest.results),
    lines: shown.map((r) => ({ mode: r.mode, text: modeSentence(r, task) })),
  };
}

function ResultsTable({ runs, results }: Pick<Props, 'runs' | 'results'>) {
  const latestId = latestRun(runs, results)?.run.runId;
  const number = (runId: string): number => runs.find((r) => r.runId === runId)?.number ?? 0;
  const rows = [...results].sort((a, b) => number(b.runId) - number(a.runId));
  return (
    <div className="table-scroll">
      <table className="results-table" data-testid="results-table">
        <thead>
          <tr>
            <th scope="col">Run</th>
            <th scope="col">Experiment</th>
            <th scope="col">Mode</th>
            <th scope="col" className="num">Workers</th>
            <th scope="col" className="num">Wall s</th>
            <th scope="col" className="num">Speedup</th>
            <th scope="col" className="num">Cores busy</th>
            <th scope="col" className="num">Switches</th>
            <th scope="col" className="num">Waiting s</th>
          </tr>
        </thead>
        <tbody>
          {rows.length === 0 ? (
            <tr>
              <td colSpan={9} className="muted empty-row">
                No runs yet.
              </td>
            </tr>
          ) : (
            rows.map((r) => (
              <tr
                key={`${r.runId}:${r.mode}`}
                className={r.runId === latestId ? 'latest' : undefined}
                data-testid="result-row"
                data-mode={r.mode}
                data-speedup={r.speedup === null ? '' : r.speedup.toFixed(4)}
                data-run={number(r.runId)}
              >
                <td>#{number(r.runId)}</td>
                <td>{r.experiment}</td>
                <td>
                  <span className={`mode-chip chip-${r.mode}`}>{MODE_LABEL[r.mode]}</span>
                </td>
                <td className="num">{r.workers}</td>
                <td className="num">{seconds(r.wallMs)}</td>
                <td className="num strong">{times(r.speedup)}</td>
                <td className="num">{coresFigure(r.coresBusy)}</td>
                <td className="num">{r.gilSwitches.toLocaleString('en')}</td>
                <td className="num">{seconds(r.waitMs)}</td>
              </tr>
            ))
          )}
        </tbody>
      </table>
    </div>
  );
}

/** The results panel: the verdict across the top, table and chart side by side below it. */
export function ResultsPanel(props: Props) {
  const verdict = useVerdict(props.runs, props.results, props.experiments);
  return (
    <section className="panel results" aria-label="Results">
      <div className="results-head">
        <h2 className="panel-title">Results</h2>
        {verdict.prediction ? (
          <p className="verdict-prediction" data-testid="prediction-result">
            {verdict.prediction}
          </p>
        ) : null}
      </div>
      <div className="verdict" data-testid="verdict">
        {verdict.lines.length === 0 ? (
          <p className="verdict-empty">Every run's results appear here and stay for the session.</p>
        ) : (
          verdict.lines.map((line) => (
            <p key={line.mode} className="verdict-line">
              <span className={`mode-chip chip-${line.mode}`}>{MODE_LABEL[line.mode]}</span>
              {line.text}
            </p>
          ))
        )}
      </div>
      <div className="results-body">
        <ResultsTable runs={props.runs} results={props.results} />
        <div className="results-chart">
          <SpeedupChart runs={props.runs} results={props.results} theme={props.theme} />
        </div>
      </div>
    </section>
  );
}
