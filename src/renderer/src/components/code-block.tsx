/**
 * The lesson's Python, coloured and sized so its longest line fits the column: a projected code
 * block with a horizontal scrollbar is unreadable from the back of the room. When fitting would
 * need a font too small to read, the font stays readable and long lines wrap under a hanging
 * indent instead.
 */
import { useMemo, useRef } from 'react';
import { tokenize } from '../lib/python-tokens';
import { useSize } from '../lib/use-size';

/** Width of one monospace character in em; the common system monospace fonts are all close. */
const CHAR_EM = 0.61;
const MAX_PX = 17;
const MIN_PX = 14;
/** The block's own horizontal padding and border. */
const FRAME_PX = 34;

interface Props {
  code: string;
}

interface Layout {
  lines: string[];
  fontSize: number;
  wrap: boolean;
}

/** Comments aligned into a column are the first thing to give up when space is short. */
function collapseCommentPadding(line: string): string {
  return line.replace(/(\S)\s{3,}#/, '$1  #');
}

/**
 * The largest font (up to MAX_PX) at which the code fits `width`; if none at MIN_PX or above,
 * aligned comments are pulled in, and if that is still not enough, lines wrap at MIN_PX.
 */
function layoutCode(code: string, width: number): Layout {
  const fit = (lines: string[]): number => (width - FRAME_PX) / (Math.max(1, ...lines.map((l) => l.length)) * CHAR_EM);
  const original = code.split('\n');
  if (width <= 0 || fit(original) >= MIN_PX) return { lines: original, fontSize: Math.min(MAX_PX, Math.max(MIN_PX, fit(original))), wrap: false };
  const collapsed = original.map(collapseCommentPadding);
  const size = fit(collapsed);
  return { lines: collapsed, fontSize: Math.min(MAX_PX, Math.max(MIN_PX, size)), wrap: size < MIN_PX };
}

/** A read-only Python block sized to its column, coloured by a small tokenizer. */
export function PythonCode({ code }: Props) {
  const ref = useRef<HTMLDivElement>(null);
  const { width } = useSize(ref);
  const layout = useMemo(() => layoutCode(code, width), [code, width]);
  const tokens = useMemo(() => layout.lines.map(tokenize), [layout]);
  return (
    <div ref={ref} className="code-frame">
      <pre
        className={layout.wrap ? 'code wrap' : 'code'}
        style={{ fontSize: `${layout.fontSize.toFixed(2)}px` }}
        aria-label="Equivalent Python code"
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
