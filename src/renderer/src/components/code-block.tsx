/**
 * The lesson's code, coloured and sized so it fits its box: a projected code block with a
 * scrollbar is unreadable from the back of the room. The font shrinks to fit the width and the
 * height left in the column; when fitting would need a font too small to read, the font stays
 * readable and long lines wrap under a hanging indent instead.
 */
import { useMemo, useRef } from 'react';
import { detectLanguage, tokenize } from './python-tokens';
import { useSize } from './use-size';

/** Width of one monospace character in em; the common system monospace fonts are all close. */
const CHAR_EM = 0.61;
const LINE_EM = 1.36;
const MAX_PX = 17;
const MIN_PX = 12.5;
/** The block's own padding and border. */
const FRAME_X_PX = 34;
const FRAME_Y_PX = 24;

interface Props {
  code: string;
  /** The block's accessible name; by default it says what kind of code it is. */
  label?: string;
}

interface Layout {
  lines: string[];
  fontSize: number;
  wrap: boolean;
}

/** Comments aligned into a column are the first thing to give up when space is short. */
function collapseCommentPadding(line: string): string {
  return line.replace(/(\S)\s{3,}(#|\/\/)/, '$1  $2');
}

/**
 * The largest font (up to MAX_PX) at which the code fits `width` x `height`; if none at MIN_PX or
 * above, aligned comments are pulled in, and if that is still not wide enough, lines wrap.
 */
export function layoutCode(code: string, width: number, height: number): Layout {
  const original = code.split('\n');
  const tall = height > 0 ? (height - FRAME_Y_PX) / (original.length * LINE_EM) : MAX_PX;
  const wide = (lines: string[]): number => (width - FRAME_X_PX) / (Math.max(1, ...lines.map((l) => l.length)) * CHAR_EM);
  const clamp = (px: number): number => Math.min(MAX_PX, Math.max(MIN_PX, px));
  if (width <= 0 || wide(original) >= MIN_PX) return { lines: original, fontSize: clamp(Math.min(wide(original), tall)), wrap: false };
  const collapsed = original.map(collapseCommentPadding);
  const size = wide(collapsed);
  return { lines: collapsed, fontSize: clamp(Math.min(size, tall)), wrap: size < MIN_PX };
}

/** A read-only code block sized to its box, coloured by a small tokenizer. */
export function CodeBlock({ code, label }: Props) {
  const ref = useRef<HTMLDivElement>(null);
  const { width, height } = useSize(ref);
  const language = detectLanguage(code);
  const layout = useMemo(() => layoutCode(code, width, height), [code, width, height]);
  const tokens = useMemo(() => layout.lines.map((line) => tokenize(line, language)), [layout, language]);
  return (
    // The frame scrolls when the code is taller than its box: it takes focus so the keyboard can scroll it too.
    <div ref={ref} className="code-frame" tabIndex={0} role="region" aria-label={label ?? (language === 'cpp' ? 'The C++ extension code' : 'Equivalent Python code')}>
      <pre
        className={layout.wrap ? 'code wrap' : 'code'}
        style={{ fontSize: `${layout.fontSize.toFixed(2)}px` }}
        data-language={language}
      >
        <code>
          {tokens.map((line, i) => (
            <span key={i} className="code-line">
              {line.map((t, j) =>
                t.kind === 'text' || t.kind === 'name' ? (
                  t.text
                ) : (
                  <span key={j} className={`tok-${t.kind}`}>
                    {t.text}
                  </span>
                ),
              )}
              {line.length === 0 ? ' ' : null}
            </span>
          ))}
        </code>
      </pre>
    </div>
  );
}
