/**
 * The course on the left: every lesson in order, one short line each, with a check mark on those
 * already run (remembered between launches), so the room sees where the workshop is.
 */
import { useEffect, useRef } from 'react';
import type { Experiment } from '../../../shared/experiments';
import type { Progress } from '../store/progress';

interface Props {
  experiments: readonly Experiment[];
  selectedId: string;
  progress: Progress;
  onSelect: (id: string) => void;
}

/** Lesson picker; the selected lesson is highlighted and announced as current to screen readers. */
export function LessonList({ experiments, selectedId, progress, onSelect }: Props) {
  const listRef = useRef<HTMLOListElement>(null);
  const done = experiments.filter((e) => (progress.lessons[e.id]?.runs ?? 0) > 0).length;

  // Keep the open lesson in sight when the list scrolls (a short window).
  useEffect(() => {
    listRef.current?.querySelector('[aria-current="true"]')?.scrollIntoView({ block: 'nearest' });
  }, [selectedId]);

  return (
    <nav className="panel lessons" aria-label="Lessons" data-testid="lesson-list">
      <h2 className="panel-title">
        Lessons <span className="panel-sub">· {done} of {experiments.length} run</span>
      </h2>
      <ol ref={listRef} className="lesson-list" style={{ gridTemplateRows: `repeat(${Math.ceil(experiments.length / 2)}, auto)` }}>
        {experiments.map((experiment, index) => {
          const selected = experiment.id === selectedId;
          const ran = (progress.lessons[experiment.id]?.runs ?? 0) > 0;
          const classes = ['lesson-item', selected ? 'selected' : '', ran ? 'done' : ''].filter(Boolean).join(' ');
          return (
            <li key={experiment.id}>
              <button
                type="button"
                className={classes}
                aria-current={selected ? 'true' : undefined}
                title={`${experiment.title}: ${experiment.question}`}
                data-testid={`lesson-${experiment.id}`}
                data-done={ran ? 'true' : 'false'}
                onClick={() => onSelect(experiment.id)}
              >
                <span className="lesson-number">{index + 1}</span>
                <span className="lesson-title">{experiment.short}</span>
                {ran ? (
                  <span className="lesson-check" aria-label="already run">
                    ✓
                  </span>
                ) : null}
              </button>
            </li>
          );
        })}
      </ol>
    </nav>
  );
}
