/**
 * The selected lesson, as the workshop's habit runs: predict, run, explain. Before a run it shows
 * the question, what is simulated and the equivalent code; once the lesson has run it shows what
 * happened instead: the prediction checked and sentences built from the numbers just measured
 * (the lesson text stays one click away). The prediction prompt stays at the bottom throughout.
 */
import type { Experiment, Prediction } from '../../../shared/experiments';
import type { LessonTab } from '../store/lab-state';
import type { LessonOutcome } from '../store/selectors';
import { LessonCode } from './lesson-code';

interface Props {
  experiment: Experiment;
  number: number;
  total: number;
  prediction: Prediction | null;
  locked: boolean;
  onPredict: (prediction: Prediction) => void;
  outcome: LessonOutcome | null;
  tab: LessonTab;
  onTab: (tab: LessonTab) => void;
  /** What this machine's core count means for the lesson, said before the run. */
  advice: string | null;
  /** The next run includes CPython: the lesson's own Python file is shown first. */
  runsOnCpython: boolean;
}

function Outcome({ outcome, hidden }: { outcome: LessonOutcome | null; hidden: boolean }) {
  return (
    // A scrolling region: focusable so keyboard users can scroll a long explanation (axe's scrollable-region-focusable).
    <div className="verdict" data-testid="verdict" hidden={hidden} tabIndex={0} role="region" aria-label="What happened">
      {outcome?.prediction ? (
        <p className="verdict-prediction" data-testid="prediction-result">
          {outcome.prediction}
        </p>
      ) : null}
      <div className="explain" data-testid="explain" data-run={outcome?.runNumber ?? ''}>
        {outcome && outcome.sentences.length > 0 ? (
          outcome.sentences.map((line, i) => (
            <p key={i} className="verdict-line">
              {line}
            </p>
          ))
        ) : (
          <p className="verdict-empty">
            {outcome?.running ? 'Measuring… each step is explained here as soon as it finishes.' : 'Predict, press Run, and what happened is explained here from the numbers measured.'}
          </p>
        )}
      </div>
    </div>
  );
}

/** Lesson text or its outcome, plus the predict prompt; choices lock while a run is going so the record is honest. */
export function LessonView({ experiment, number, total, prediction, locked, onPredict, outcome, tab, onTab, advice, runsOnCpython }: Props) {
  const showing: LessonTab = outcome ? tab : 'lesson';
  return (
    <section className="panel lesson" aria-labelledby="lesson-question" data-testid="lesson-view" data-lesson={experiment.id} data-tab={showing}>
      <div className="lesson-top">
        <p className="lesson-kicker">
          {number} of {total} · {experiment.short}
        </p>
        {outcome ? (
          <div className="scope" role="tablist" aria-label="Lesson view">
            <button type="button" role="tab" aria-selected={showing === 'lesson'} className={showing === 'lesson' ? 'seg active' : 'seg'} onClick={() => onTab('lesson')} data-testid="lesson-tab-lesson">
              Lesson
            </button>
            <button type="button" role="tab" aria-selected={showing === 'results'} className={showing === 'results' ? 'seg active' : 'seg'} onClick={() => onTab('results')} data-testid="lesson-tab-results">
              What happened · #{outcome.runNumber}
            </button>
          </div>
        ) : null}
      </div>
      <h2 id="lesson-question" className="lesson-heading">
        {experiment.question}
      </h2>
      {showing === 'lesson' ? (
        <>
          <p className="lesson-explanation">{experiment.explanation}</p>
          {advice ? (
            <p className="lesson-advice" data-testid="core-advice">
              {advice}
            </p>
          ) : null}
          <LessonCode experiment={experiment} runsOnCpython={runsOnCpython} />
        </>
      ) : null}
      <Outcome outcome={outcome} hidden={showing !== 'results'} />
      <div className="predict" role="radiogroup" aria-labelledby="predict-label" data-testid="predict">
        <p id="predict-label" className="predict-label">
          <strong>Predict:</strong> {experiment.prompt}
        </p>
        <div className="predict-choices">
          {experiment.predictions.map((choice) => {
            const chosen = prediction?.answer === choice.answer;
            return (
              <button
                key={choice.answer}
                type="button"
                role="radio"
                aria-checked={chosen}
                className={chosen ? 'choice chosen' : 'choice'}
                disabled={locked}
                data-testid={`predict-${choice.value}`}
                onClick={() => onPredict(choice)}
              >
                {choice.label}
              </button>
            );
          })}
        </div>
      </div>
    </section>
  );
}
