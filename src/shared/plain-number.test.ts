import { describe, expect, it } from 'vitest';
import { parsePlainNumber, parsePort } from './plain-number';

const value = (raw: string, kind: 'whole' | 'decimal'): number | string => {
  const read = parsePlainNumber('--n', raw, kind);
  return read.ok ? read.value : read.reason;
};

describe('plain numbers', () => {
  it('reads plain decimals and whole numbers', () => {
    expect(value('4', 'whole')).toBe(4);
    expect(value('-3', 'whole')).toBe(-3);
    expect(value('016', 'whole')).toBe(16);
    expect(value('0.5', 'decimal')).toBe(0.5);
    expect(value('30', 'decimal')).toBe(30);
    expect(value('-0.25', 'decimal')).toBe(-0.25);
  });

  it.each(['0x11', '1e1', ' 4', '4 ', '+4', '4.', '.5', '0b1', '0o7', 'Infinity', 'NaN', '1_000', '４', '1,5', '--4'])('refuses %j', (raw) => {
    expect(value(raw, 'decimal')).toMatch(/^--n must be a number written in plain digits, like 0\.5, not ".*"$/);
    expect(value(raw, 'whole')).toMatch(/^--n must be a number written in plain digits, like 4, not ".*"$/);
  });

  it('refuses an empty value', () => {
    expect(value('', 'whole')).toBe('--n must be a number, not empty');
    expect(value('', 'decimal')).toBe('--n must be a number, not empty');
  });

  it('refuses a fraction where a whole number is needed, and shows what was typed', () => {
    expect(value('2.5', 'whole')).toBe('--n must be a whole number, not "2.5"');
    expect(value('4.0', 'whole')).toBe('--n must be a whole number, not "4.0"');
    expect(value(' 4', 'whole')).toMatch(/not " 4"$/);
    expect(value('9'.repeat(100) + 'x', 'whole')).toMatch(/not "9{40}…"$/);
  });
});

describe('ports', () => {
  it('reads 0 to 65535', () => {
    expect(parsePort('0')).toBe(0);
    expect(parsePort('8080')).toBe(8080);
    expect(parsePort('65535')).toBe(65535);
  });

  it.each(['', ' ', '65536', '-1', '0x50', '8e3', '80.0', 'http'])('refuses %j with one sentence', (raw) => {
    expect(() => parsePort(raw)).toThrow(/^--port must be a whole number from 0 to 65535, not ".*"$/);
  });
});
