import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REAL_LESSONS } from '../../shared/python-schemas';
import { lessonSource } from './lesson-sources';

describe('the lessons\' own Python on the page', () => {
  it.each(REAL_LESSONS)('%s: the page shows the file CPython runs, byte for byte', (id) => {
    const source = lessonSource(id);
    expect(source?.path).toBe(`python/lessons/${id}.py`);
    expect(source?.code).toBe(readFileSync(join(__dirname, '..', '..', '..', 'python', 'lessons', `${id}.py`), 'utf8').trimEnd());
  });

  it('has nothing for a lesson with no real counterpart', () => {
    expect(lessonSource('deadlock')).toBeNull();
    expect(lessonSource('lost-update')).toBeNull();
  });
});
