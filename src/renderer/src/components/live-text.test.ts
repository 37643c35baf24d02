import { describe, expect, it } from 'vitest';
import { boxShape, shapeOf } from './live-text';

describe('the box a live value is sized by', () => {
  it('is the value with every digit as 0 when nothing was kept', () => {
    expect(shapeOf('12.5 cores')).toBe('00.0 cores');
    expect(boxShape('12.5 cores', undefined)).toBe('00.0 cores');
  });

  it('keeps its shape while the value needs the same width: digits moving across the point cost no layout', () => {
    expect(boxShape('10.0', '0.00')).toBe('0.00');
    expect(boxShape('100', '000')).toBe('000');
    expect(boxShape('1:05.2', '0:00.0')).toBe('0:00.0');
  });

  it('takes the new shape when the value needs another width or other characters', () => {
    expect(boxShape('10.00', '0.00')).toBe('00.00');
    expect(boxShape('9.9', '0.00')).toBe('0.0');
    expect(boxShape('1.0 s', '0.0 %')).toBe('0.0 s');
    expect(boxShape('running', '0.00')).toBe('running');
  });

  it('does not take the shape of a word for digits', () => {
    // "o" is not a digit: "100" and "1oo" differ in width, so the box follows.
    expect(boxShape('1oo', '000')).toBe('0oo');
  });
});
