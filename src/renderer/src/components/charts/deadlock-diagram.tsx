/**
 * The deadlock as a wait-for graph: two threads, two locks, and arrows round the loop: a thread
 * waits for a lock, the lock is held by the other thread, which waits for the other lock, held by
 * the first. Drawn red once the lab found that cycle; beside it, the engine's own account of the
 * cycle and the fixed run's time.
 */
import { msText } from '../../../../shared/format';
import type { ModeResult } from '../../../../shared/results';

interface Props {
  results: readonly ModeResult[];
  /** Row names of the deadlocking step's threads, from the engine (first: the GIL holder). */
  labels: readonly string[];
}

const figure = (r: ModeResult | undefined, key: string): number | null => {
  const v = r?.metrics[key];
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
};

interface ArrowProps {
  d: string;
  kind: 'holds' | 'waits';
  label: string;
  at: { x: number; y: number };
  anchor?: 'start' | 'middle' | 'end';
}

function Arrow({ d, kind, label, at, anchor = 'middle' }: ArrowProps) {
  return (
    <g className={`dl-arrow dl-${kind}`}>
      <path d={d} markerEnd="url(#dl-head)" />
      <text x={at.x} y={at.y} textAnchor={anchor} className="dl-arrow-label">
        {label}
      </text>
    </g>
  );
}

export function DeadlockDiagram({ results, labels }: Props) {
  const stuck = results.find((r) => r.cycle !== undefined || r.findings?.outcome === 'deadlocked');
  const fixed = results.find((r) => r !== stuck && r.findings?.outcome === 'finished');
  const found = stuck !== undefined;
  const after = figure(stuck, 'detectedAfterMs');
  const main = labels[0] ?? 'main thread';
  const callback = labels[1] ?? 'callback thread';
  const state = found ? 'found' : results.length > 0 ? 'clear' : 'idle';

  return (
    <div className={`deadlock deadlock-${state}`} {...(found ? { 'data-testid': 'deadlock-cycle' } : {})} data-found={found ? 'true' : 'false'}>
      <svg className="dl-svg" viewBox="0 0 520 250" role="img" aria-label={found ? 'A cycle of waits: deadlock' : 'Who holds and who waits for each lock'}>
        <defs>
          <marker id="dl-head" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="6" markerHeight="6" orient="auto-start-reverse">
            <path d="M 0 0 L 10 5 L 0 10 z" className="dl-head" />
          </marker>
        </defs>
        <g className="dl-lock">
          <rect x="195" y="8" width="130" height="44" rx="22" />
          <text x="260" y="37" textAnchor="middle">
            GIL
          </text>
        </g>
        <g className="dl-lock">
          <rect x="195" y="198" width="130" height="44" rx="22" />
          <text x="260" y="227" textAnchor="middle">
            MyMutex
          </text>
        </g>
        <g className="dl-thread">
          <rect x="4" y="95" width="164" height="60" rx="9" />
          <text x="86" y="132" textAnchor="middle">
            {main}
          </text>
        </g>
        <g className="dl-thread">
          <rect x="352" y="95" width="164" height="60" rx="9" />
          <text x="434" y="132" textAnchor="middle">
            {callback}
          </text>
        </g>
        {/* Round the loop: main waits for MyMutex, held by the callback, which waits for the GIL, held by main. */}
        <Arrow d="M 110 158 Q 124 212 189 220" kind="waits" label="waits for" at={{ x: 104, y: 210 }} anchor="end" />
        <Arrow d="M 331 220 Q 396 212 410 159" kind="holds" label="held by" at={{ x: 416, y: 210 }} anchor="start" />
        <Arrow d="M 410 92 Q 396 38 331 30" kind="waits" label="waits for" at={{ x: 416, y: 52 }} anchor="start" />
        <Arrow d="M 189 30 Q 124 38 110 91" kind="holds" label="held by" at={{ x: 104, y: 52 }} anchor="end" />
        {found ? (
          <text x="260" y="133" textAnchor="middle" className="dl-verdict">
            DEADLOCK
          </text>
        ) : null}
      </svg>
      <div className="dl-facts">
        {found ? (
          <>
            <p className="dl-headline bad">
              Cycle found{after !== null ? ` after ${msText(after)}` : ''}: every worker stopped.
            </p>
            {stuck?.cycle && stuck.cycle.length > 0 ? (
              <ol className="dl-cycle">
                {stuck.cycle.map((line, i) => (
                  <li key={i}>{line}</li>
                ))}
              </ol>
            ) : null}
          </>
        ) : state === 'idle' ? (
          <p className="muted">Run the lesson: the lab watches every lock and looks for a cycle of waits.</p>
        ) : (
          <p className="dl-headline">No cycle of waits was found.</p>
        )}
        {fixed ? (
          <p className="dl-headline good" data-testid="deadlock-fixed">
            {fixed.step}: finished in {msText(fixed.wallMs)}.
          </p>
        ) : null}
      </div>
    </div>
  );
}
