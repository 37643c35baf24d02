/** CPython facts the course must state where they belong (issue: "facts stated where they belong"). */
import { describe, expect, it } from 'vitest';
import type { ExperimentId } from '../shared/experiments';
import { findExperiment } from './catalogue';

const text = (id: ExperimentId): string => {
  const e = findExperiment(id);
  return e ? [e.explanation, ...e.python].join('\n') : '';
};

describe('facts stated where they belong', () => {
  it('the switch interval: 5 ms by default, an ideal the OS may exceed', () => {
    expect(text('switch-interval')).toMatch(/5 ms by ?\S*\s*default/);
    expect(text('switch-interval')).toMatch(/ideal, not a promise/);
  });
  it('hashlib releases the GIL for inputs of 2048 bytes or more', () => {
    expect(text('native-release')).toMatch(/2048 bytes or more/);
  });
  it('free-threaded builds are supported but optional since 3.14 (PEP 779)', () => {
    expect(text('free-threaded')).toMatch(/supported but optional \(PEP 779\)/);
  });
  it("from 3.14 Linux's default start method is forkserver", () => {
    expect(text('process-cost')).toMatch(/forkserver[^.]*default on Linux from 3\.14|default on Linux from 3\.14[^.]*forkserver/);
  });
});
