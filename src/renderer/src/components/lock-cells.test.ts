import { describe, expect, it } from 'vitest';
import { result } from '../../../lessons/explain-fixtures';
import { MISSING } from '../../../shared/format';
import { lockCells } from './lock-cells';

const python = { executable: '/usr/bin/python3', version: '3.11.2', freeThreaded: false, gilEnabled: true };

describe('the results table’s lock figures', () => {
  it('shows the lab’s hand-overs and waits as counted', () => {
    const cells = lockCells(result('cpu-bound', 'threads', 'threads', { gilSwitches: 1234, waitMs: 2500, holdMs: 900 }));
    expect(cells.switches.text).toBe('1,234');
    expect(cells.waiting.text).toBe('2.50');
    expect(cells.switches.title).toBeUndefined();
  });

  it('never shows CPython waiting for its GIL, which cannot be seen from inside', () => {
    const cells = lockCells(result('cpu-bound', 'threads', 'threads', { engine: 'cpython', python, gilSwitches: 812, waitMs: 0, holdMs: 1900 }));
    expect(cells.waiting.text).toBe(MISSING);
    expect(cells.waiting.title).toMatch(/cannot be seen/);
    expect(cells.switches.text).toBe('812');
    expect(cells.switches.title).toMatch(/own clock/);
  });

  it('gives a real step that read no turns a dash, not 0 switches', () => {
    const cells = lockCells(result('hybrid', 'hybrid', 'hybrid', { engine: 'cpython', python, gilSwitches: 0, holdMs: 0 }));
    expect(cells.switches.text).toBe(MISSING);
    expect(cells.switches.title).toMatch(/no turns were read/);
  });
});
