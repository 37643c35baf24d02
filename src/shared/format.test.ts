import { describe, expect, it } from 'vitest';
import { durationText, fixedText, groupDigits, groupedText, MISSING, msText, percentText, plural, secondsFigure, secondsText, timesText, unitSuffix, upperFirst, workersPhrase } from './format';

describe('format', () => {
  it('says a run\'s length the way people do', () => {
    expect(durationText(45.4)).toBe('45 s');
    expect(durationText(600)).toBe('10 min');
    expect(durationText(931)).toBe('15 min 31 s');
  });

  it('groups digits without a locale, keeping the sign and rounding', () => {
    expect(groupDigits(1234567)).toBe('1,234,567');
    expect(groupDigits(-1234.6)).toBe('-1,235');
    expect(groupDigits(999)).toBe('999');
  });

  it('writes seconds and milliseconds at the precision their size needs', () => {
    expect(secondsText(4100)).toBe('4.10 s');
    expect(secondsText(12_345)).toBe('12.3 s');
    expect(secondsFigure(4100)).toBe('4.10');
    expect(secondsFigure(12_345)).toBe('12.3');
    expect(msText(0.4213)).toBe('0.42 ms');
    expect(msText(12.34)).toBe('12.3 ms');
    expect(msText(20)).toBe('20 ms');
    expect(msText(1234.5)).toBe('1,235 ms');
  });

  it('writes ratios, shares and table figures, and a missing figure as one dash', () => {
    expect(timesText(0.981)).toBe('0.98x');
    expect(timesText(12.44)).toBe('12.4x');
    expect(timesText(1234)).toBe('1,234x');
    expect(timesText(null)).toBe(MISSING);
    expect(timesText(Number.NaN)).toBe(MISSING);
    expect(percentText(12.4)).toBe('12 %');
    expect(percentText(undefined)).toBe(MISSING);
    expect(fixedText(4.1, 2, ' s')).toBe('4.10 s');
    expect(fixedText(null, 2)).toBe(MISSING);
    expect(groupedText(1234.5, 2)).toBe('1,234.50');
    expect(groupedText(-1234567, 0)).toBe('-1,234,567');
    expect(groupedText(0.123, 1)).toBe('0.1');
    expect(groupedText(999.96, 1)).toBe('1,000.0');
    expect(groupedText(undefined, 2)).toBe(MISSING);
    expect(`1.5${unitSuffix('x')}`).toBe('1.5x');
    expect(`3${unitSuffix('ms')}`).toBe('3 ms');
    expect(unitSuffix(undefined)).toBe('');
  });

  it('agrees a word with its count, and names workers by mode', () => {
    expect(plural(1, 'thread')).toBe('1 thread');
    expect(plural(2, 'process', 'processes')).toBe('2 processes');
    expect(plural(1000, 'wait')).toBe('1,000 waits');
    expect(upperFirst('threads')).toBe('Threads');
    expect(workersPhrase('sequential', 4)).toBe('4 tasks in sequence');
    expect(workersPhrase('processes', 1)).toBe('1 process');
    expect(workersPhrase('asyncio', 10)).toBe('10 coroutines on one event loop');
  });
});
