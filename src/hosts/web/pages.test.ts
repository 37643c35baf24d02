import { afterEach, describe, expect, it, vi } from 'vitest';
import { PagePresence } from './pages';

afterEach(() => vi.useRealTimers());

describe('PagePresence', () => {
  it('gives up on the run once the last page has been gone for the grace period', () => {
    vi.useFakeTimers();
    const abandoned = vi.fn();
    const pages = new PagePresence(5000, abandoned);
    pages.arrived('a');
    pages.arrived('b');
    pages.left('a');
    vi.advanceTimersByTime(10_000);
    expect(abandoned).not.toHaveBeenCalled();
    pages.left('b');
    vi.advanceTimersByTime(4999);
    expect(abandoned).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(abandoned).toHaveBeenCalledTimes(1);
  });

  it('keeps the run when a page returns within the grace period (a reload)', () => {
    vi.useFakeTimers();
    const abandoned = vi.fn();
    const pages = new PagePresence(5000, abandoned);
    pages.arrived('a');
    pages.left('a');
    vi.advanceTimersByTime(3000);
    pages.arrived('b');
    vi.advanceTimersByTime(60_000);
    expect(abandoned).not.toHaveBeenCalled();
    expect(pages.count).toBe(1);
  });

  it('ignores a page it never saw leave twice, and fires nothing once disposed', () => {
    vi.useFakeTimers();
    const abandoned = vi.fn();
    const pages = new PagePresence(100, abandoned);
    pages.left('never-arrived');
    pages.arrived('a');
    pages.left('a');
    pages.left('a');
    pages.dispose();
    vi.advanceTimersByTime(1000);
    expect(abandoned).not.toHaveBeenCalled();
  });
});
