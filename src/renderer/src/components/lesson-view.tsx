/**
 * The selected lesson: its question, what is simulated, the equivalent Python, and the prediction
 * prompt that comes before Run (the workshop's habit: predict, run, explain).
 */
import type { Experiment } from '../../../shared/experiments';
import { predictionLabel } from '../lib/format';
import { PythonCode } from './python-code';

interface Props {
  experiment: Experiment;
  workers: number | null;
  prediction: number | undefined;
  locked: boolean;
  onPredict: (speedup: number) => void;
}

/** Lesson text plus the predict prompt; choices lock while a run is going so the record is honest. */
export function LessonView({ experiment, workers, prediction, locked, onPredict }: Props) {
  const threads = workers !== null ? `${workers} ${workers === 1 ? 'thread' : 'threads'}` : 'the threads';
  return (
    <section className="panel lesson" aria-labelledby="lesson-question" data-testid="lesson-view">
      <h2 id="lesson-question" className="lesson-heading">
        {experiment.question}
      </h2>
      <p className="lesson-explanation">{experiment.explanation}</p>
      <PythonCode code={experiment.python} />
      <div className="predict" role="radiogroup" aria-labelledby="predict-label" data-testid="predict">
        <p id="predict-label" className="predict-label">
          <strong>Predict:</strong> how much faster than sequential will {threads} be?
        </p>
        <div className="predict-choices">
          {experiment.predictions.map((speedup) => {
            const chosen = prediction === speedup;
            return (
              <button
                key={speedup}
                type="button"
                role="radio"
                aria-checked={chosen}
                className={chosen ? 'choice chosen' : 'choice'}
                disabled={locked}
                data-testid={`predict-${speedup}`}
                onClick={() => onPredict(speedup)}
              >
                {predictionLabel(speedup)}
              </button>
            );
          })}
        </div>
      </div>
    </section>
  );
}
