/**
 * The lesson's code: the sketch that explains it (what a reader would write) and, for a lesson
 * with a real counterpart, the file CPython runs, exactly as it runs (python/lessons/<id>.py,
 * imported by the lab's harness, which starts the threads and processes and times around it).
 * While the lesson runs on CPython the file is shown first.
 */
import { useEffect, useState } from 'react';
import type { Experiment } from '../../../shared/experiments';
import { lessonSource } from '../lesson-sources';
import { CodeBlock } from './code-block';

interface Props {
  experiment: Experiment;
  /** The next run includes CPython (an interpreter chosen, engine CPython or both). */
  runsOnCpython: boolean;
}

type Shown = 'sketch' | 'real';

export function LessonCode({ experiment, runsOnCpython }: Props) {
  const source = lessonSource(experiment.id);
  const [shown, setShown] = useState<Shown>(runsOnCpython ? 'real' : 'sketch');
  // Another lesson, or CPython chosen or dropped: start again from what the run will use.
  useEffect(() => setShown(runsOnCpython ? 'real' : 'sketch'), [experiment.id, runsOnCpython]);
  if (!source) return <CodeBlock code={experiment.python} />;
  const real = shown === 'real';
  return (
    <>
      <div className="code-head">
        <div className="scope" role="group" aria-label="Which code" data-testid="code-choice">
          <button type="button" className={real ? 'seg' : 'seg active'} aria-pressed={!real} onClick={() => setShown('sketch')} data-testid="code-sketch">
            Sketch
          </button>
          <button type="button" className={real ? 'seg active' : 'seg'} aria-pressed={real} onClick={() => setShown('real')} data-testid="code-real">
            As CPython runs it
          </button>
        </div>
        {real ? (
          <span className="code-path" data-testid="code-path" title="The lab's harness imports this file, starts the threads or processes, and times around it; tick() notes the time on each thread's own clock">
            {source.path}
          </span>
        ) : null}
      </div>
      {real ? <CodeBlock code={source.code} label={`The Python CPython runs: ${source.path}`} /> : <CodeBlock code={experiment.python} />}
    </>
  );
}
