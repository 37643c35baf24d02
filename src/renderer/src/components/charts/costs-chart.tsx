/**
 * What a process costs, in three small comparisons: start-up per worker, a 1 MB round trip, and
 * tiny tasks run in sequence, one message each, and batched. Each group has its own scale, so a
 * thread's sliver next to a process's bar is the point, not a drawing error.
 */
import { groupDigits, msText, secondsText, timesText } from '../../../../shared/format';
import type { Mode } from '../../../../shared/experiments';
import type { ModeResult } from '../../../../shared/results';
import type { ProcessCostStep } from '../../../../lessons/process-cost/lesson';

interface Props {
  results: readonly ModeResult[];
}

interface Bar {
  label: string;
  mode: Mode;
  value: number;
  text: string;
}

/**
 * A thread's bar is a sliver beside a process's on a shared scale, so the process's value also
 * says how many times the thread's it is: the ratio is the lesson, read without measuring pixels.
 */
function againstThread(bars: readonly { label: string; mode: Mode; value: number }[]): Bar[] {
  const thread = bars.find((b) => b.mode === 'threads')?.value;
  return bars.map((b) => ({
    ...b,
    text: b.mode === 'processes' && thread !== undefined && thread > 0 ? `${msText(b.value)} · ${timesText(b.value / thread)} a thread` : msText(b.value),
  }));
}

const figure = (r: ModeResult | undefined, key: string): number | null => {
  const v = r?.metrics[key];
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
};

function Group({ title, note, bars }: { title: string; note?: string; bars: Bar[] }) {
  const max = Math.max(...bars.map((b) => b.value), 1e-9);
  return (
    <div className="cost-group">
      <h3 className="cost-title">
        {title}
        {note ? <span className="cost-note"> · {note}</span> : null}
      </h3>
      {bars.map((bar) => (
        <div key={bar.label} className="cost-row">
          <span className="cost-label">{bar.label}</span>
          <span className="cost-track">
            {/* Scaled to the room left beside the longest value label, so lengths stay in proportion. */}
            <span className={`cost-fill chip-${bar.mode}`} style={{ width: `calc((100% - 220px) * ${Math.max(0.006, bar.value / max).toFixed(4)})` }} />
            <span className="cost-value">{bar.text}</span>
          </span>
        </div>
      ))}
    </div>
  );
}

export function CostsChart({ results }: Props) {
  const step = (id: ProcessCostStep): ModeResult | undefined => results.find((r) => r.stepId === id);
  const groups: { title: string; note?: string; bars: Bar[] }[] = [];

  const starts = [
    { label: 'thread', mode: 'threads' as Mode, value: figure(step('start-threads'), 'startupMs') },
    { label: 'process', mode: 'processes' as Mode, value: figure(step('start-processes'), 'startupMs') },
  ].filter((b): b is { label: string; mode: Mode; value: number } => b.value !== null);
  if (starts.length > 0) {
    const memory = figure(step('start-processes'), 'memoryMB');
    groups.push({
      title: 'Start-up, per worker',
      ...(memory !== null ? { note: `${groupDigits(memory)} MB per process` } : {}),
      bars: againstThread(starts),
    });
  }

  const trips = [
    { label: 'thread', mode: 'threads' as Mode, value: figure(step('trip-thread'), 'roundTripMs') },
    { label: 'process', mode: 'processes' as Mode, value: figure(step('trip-process'), 'roundTripMs') },
  ].filter((b): b is { label: string; mode: Mode; value: number } => b.value !== null);
  if (trips.length > 0) groups.push({ title: '1 MB there and back', bars: againstThread(trips) });

  const tiny = [
    { label: 'in sequence', r: step('tiny-in-turn') },
    { label: 'one message each', r: step('tiny-each') },
    { label: 'batched', r: step('tiny-batched') },
  ].filter((t): t is { label: string; r: ModeResult } => t.r !== undefined);
  if (tiny.length > 0) {
    const count = tiny[0]?.r.tasks ?? 0;
    groups.push({
      title: 'Tiny tasks, wall time',
      ...(count > 1 ? { note: `${groupDigits(count)} tasks` } : {}),
      bars: tiny.map(({ label, r }) => ({
        label,
        mode: r.mode,
        value: r.wallMs,
        text: r.mode === 'sequential' || r.speedup === null ? secondsText(r.wallMs) : `${secondsText(r.wallMs)} · ${timesText(r.speedup)}`,
      })),
    });
  }

  if (groups.length === 0) return <p className="chart-empty">Run the lesson to measure what threads and processes cost.</p>;
  return (
    <div className="costs" data-testid="costs-chart">
      {groups.map((g) => (
        <Group key={g.title} {...g} />
      ))}
    </div>
  );
}
