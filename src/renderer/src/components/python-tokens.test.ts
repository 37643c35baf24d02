import { describe, expect, it } from 'vitest';
import { detectLanguage, tokenize } from './python-tokens';

describe('tokenize', () => {
  it('colours Python keywords, comments and calls', () => {
    const kinds = tokenize('for t in ts: t.start()  # go').filter((t) => t.kind !== 'text' && t.kind !== 'name');
    expect(kinds).toEqual([
      { kind: 'keyword', text: 'for' },
      { kind: 'keyword', text: 'in' },
      { kind: 'call', text: 'start' },
      { kind: 'comment', text: '# go' },
    ]);
  });

  it('tells C++ from Python and colours its comments and GIL macros', () => {
    const code = '// C++ extension\nvoid f() {}';
    expect(detectLanguage(code)).toBe('cpp');
    expect(detectLanguage('import sys')).toBe('python');
    expect(tokenize('// the fix', 'cpp')).toEqual([{ kind: 'comment', text: '// the fix' }]);
    expect(tokenize('    Py_BEGIN_ALLOW_THREADS  // the fix', 'cpp').map((t) => t.kind)).toEqual(['text', 'builtin', 'text', 'comment']);
    // A C++ preprocessor-free line with # is not a comment there, and // is not one in Python.
    expect(tokenize('a // b', 'python').some((t) => t.kind === 'comment')).toBe(false);
  });
});
