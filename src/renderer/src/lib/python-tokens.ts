/**
 * A deliberately small Python tokenizer for the lesson code: enough to colour keywords, strings,
 * numbers, comments and called names. The code is our own short examples, not arbitrary Python.
 */

/** Colour classes the code block knows (`tok-<kind>` in styles.css). */
export type TokenKind = 'keyword' | 'builtin' | 'string' | 'number' | 'comment' | 'name' | 'call' | 'text';

/** A run of source text and how to colour it. */
export interface Token {
  kind: TokenKind;
  text: string;
}

const KEYWORDS = new Set([
  'and', 'as', 'async', 'await', 'break', 'class', 'continue', 'def', 'elif', 'else', 'except', 'False', 'finally',
  'for', 'from', 'if', 'import', 'in', 'is', 'lambda', 'None', 'not', 'or', 'pass', 'raise', 'return', 'True',
  'try', 'while', 'with', 'yield',
]);

const BUILTINS = new Set(['int', 'float', 'str', 'sum', 'range', 'len', 'print', 'list', 'dict', 'open', 'min', 'max']);

const PATTERN = /(#.*$)|("(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*')|(\b\d[\d_]*(?:\.\d+)?\b)|([A-Za-z_][A-Za-z0-9_]*)|(\s+|.)/gm;

/** Tokens of one line of Python. */
export function tokenize(line: string): Token[] {
  const tokens: Token[] = [];
  for (const match of line.matchAll(PATTERN)) {
    const [text, comment, string, number, word] = match;
    if (comment) tokens.push({ kind: 'comment', text });
    else if (string) tokens.push({ kind: 'string', text });
    else if (number) tokens.push({ kind: 'number', text });
    else if (word) {
      const rest = line.slice((match.index ?? 0) + word.length);
      if (KEYWORDS.has(word)) tokens.push({ kind: 'keyword', text });
      else if (BUILTINS.has(word)) tokens.push({ kind: 'builtin', text });
      else if (rest.startsWith('(')) tokens.push({ kind: 'call', text });
      else tokens.push({ kind: 'name', text });
    } else tokens.push({ kind: 'text', text });
  }
  return tokens;
}
