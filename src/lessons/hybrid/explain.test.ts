/** The hybrid lesson with the seeds' own recommendation beside it: asyncio with a process pool. */
import { describe, expect, it } from 'vitest';
import { explainRun, predictionVerdict } from '../catalogue';
import { choice, lesson, result } from '../explain-fixtures';

const h = lesson('hybrid');
const items = { metrics: { items: 16 } };

describe('hybrid: asyncio + a process pool', () => {
  it('names it as a pool strategy and says why it finished first', () => {
    const run = [
      result('hybrid', 'sequential', 'sequential', { wallMs: 4000, speedup: 1, ...items }),
      result('hybrid', 'threads', 'threads', { wallMs: 2000, speedup: 2, ...items }),
      result('hybrid', 'hybrid', 'hybrid', { wallMs: 1200, speedup: 3.33, ...items }),
      result('hybrid', 'asyncio + process pool', 'asyncio', { stepId: 'asyncio', wallMs: 800, speedup: 5, ...items, findings: { winner: 'asyncio' } }),
    ];
    const lines = explainRun(h, run, 2);
    expect(lines[0]).toBe('16 items, fetched, processed and stored: Threads 2.00 s (2.00x), the hybrid 1.20 s (3.33x), asyncio + a process pool 0.80 s (5.00x).');
    expect(lines[1]).toBe('Asyncio + a process pool finished first: its one event loop kept every item in flight at once (threads, one item each), while the process pool computed in parallel.');
    expect(lines.join(' ')).not.toContain('within a tenth');
    expect(predictionVerdict(h, choice(h, 'asyncio'), run)).toContain('well predicted');
  });

  it('says when the two pool strategies finished within a tenth of each other', () => {
    const run = [
      result('hybrid', 'sequential', 'sequential', { wallMs: 4000, speedup: 1, ...items }),
      result('hybrid', 'hybrid', 'hybrid', { wallMs: 820, speedup: 4.88, ...items }),
      result('hybrid', 'asyncio + process pool', 'asyncio', { stepId: 'asyncio', wallMs: 800, speedup: 5, ...items }),
    ];
    expect(explainRun(h, run, 2)).toContain(
      'Threads and asyncio with the same process pool finished within a tenth of each other: the pool does the computing, and either overlaps the waits.',
    );
  });
});
