/**
 * A deliberately small tokenizer for the lesson code: enough to colour keywords, strings, numbers,
 * comments and called names. The code is our own short examples, not arbitrary source: Python for
 * most lessons, C++ for the deadlock lesson's extension.
 */

/** Colour classes the code block knows (`tok-<kind>` in styles.css). */
export type TokenKind = 'keyword' | 'builtin' | 'string' | 'number' | 'comment' | 'name' | 'call' | 'text';

/** A run of source text and how to colour it. */
export interface Token {
  kind: TokenKind;
  text: string;
}

/** Languages the lessons are written in. */
export type CodeLanguage = 'python' | 'cpp';

interface Grammar {
  keywords: ReadonlySet<string>;
  builtins: ReadonlySet<string>;
  pattern: RegExp;
}

const PYTHON: Grammar = {
  keywords: new Set([
    'and', 'as', 'async', 'await', 'break', 'class', 'continue', 'def', 'elif', 'else', 'except', 'False', 'finally',
    'for', 'from', 'if', 'import', 'in', 'is', 'lambda', 'None', 'not', 'or', 'pass', 'raise', 'return', 'True',
    'try', 'while', 'with', 'yield', 'del',
  ]),
  builtins: new Set(['int', 'float', 'str', 'bytes', 'sum', 'range', 'len', 'print', 'list', 'dict', 'open', 'min', 'max', 'map', 'object']),
  pattern: /(#.*$)|("(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*')|(\b\d[\d_]*(?:\.\d+)?\b)|([A-Za-z_][A-Za-z0-9_]*)|(\s+|.)/gm,
};

const CPP: Grammar = {
  keywords: new Set([
    'void', 'int', 'bool', 'auto', 'const', 'return', 'if', 'else', 'for', 'while', 'struct', 'class', 'namespace',
    'using', 'static', 'true', 'false', 'nullptr', 'std',
  ]),
  // The CPython C-API and the macros that hand the GIL back and forth: the lesson is about them.
  builtins: new Set(['Py_BEGIN_ALLOW_THREADS', 'Py_END_ALLOW_THREADS', 'PyGILState_Ensure', 'PyGILState_Release', 'PyGILState_STATE', 'mutex', 'lock_guard']),
  pattern: /(\/\/.*$)|("(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*')|(\b\d[\d']*(?:\.\d+)?\b)|([A-Za-z_][A-Za-z0-9_]*)|(\s+|.)/gm,
};

/** C++ when the code opens with a // comment or an #include; Python otherwise. */
export function detectLanguage(code: string): CodeLanguage {
  const first = code.trimStart();
  return first.startsWith('//') || first.startsWith('#include') ? 'cpp' : 'python';
}

/** Tokens of one line of code. */
export function tokenize(line: string, language: CodeLanguage = 'python'): Token[] {
  const grammar = language === 'cpp' ? CPP : PYTHON;
  const tokens: Token[] = [];
  for (const match of line.matchAll(grammar.pattern)) {
    const [text, comment, string, number, word] = match;
    if (comment) tokens.push({ kind: 'comment', text });
    else if (string) tokens.push({ kind: 'string', text });
    else if (number) tokens.push({ kind: 'number', text });
    else if (word) {
      const rest = line.slice((match.index ?? 0) + word.length);
      if (grammar.keywords.has(word)) tokens.push({ kind: 'keyword', text });
      else if (grammar.builtins.has(word)) tokens.push({ kind: 'builtin', text });
      else if (rest.startsWith('(')) tokens.push({ kind: 'call', text });
      else tokens.push({ kind: 'name', text });
    } else tokens.push({ kind: 'text', text });
  }
  return tokens;
}
