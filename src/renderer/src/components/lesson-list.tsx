/** The lessons on the left: one line each, so the room sees where the workshop is. */
import type { Experiment } from '../../../shared/experiments';

interface Props {
  experiments: readonly Experiment[];
  selectedId: string;
  onSelect: (id: string) => void;
}

/** Lesson picker; the selected lesson is highlighted and announced as current to screen readers. */
export function LessonList({ experiments, selectedId, onSelect }: Props) {
  return (
    <nav className="panel lessons" aria-label="Lessons">
      <h2 className="panel-title">Lessons</h2>
      <ol className="lesson-list">
        {experiments.map((experiment, index) => {
          const selected = experiment.id === selectedId;
          return (
            <li key={experiment.id}>
              <button
                type="button"
                className={selected ? 'lesson-item selected' : 'lesson-item'}
                aria-current={selected ? 'true' : undefined}
                data-testid={`lesson-${experiment.id}`}
                onClick={() => onSelect(experiment.id)}
              >
                <span className="lesson-number">{index + 1}</span>
                <span className="lesson-text">
                  <span className="lesson-title">{experiment.title}</span>
                  <span className="lesson-question">{experiment.question}</span>
                </span>
              </button>
            </li>
          );
        })}
      </ol>
    </nav>
  );
}
