/**
 * Which pages are connected, and what happens when the last one goes. A run belongs to the people
 * watching it: once no page has been connected for the grace period (a closed tab, a crashed
 * browser), `onAbandoned` runs, and the host cancels the run. A reload reconnects within the grace
 * period and keeps it.
 */
export class PagePresence {
  private readonly pages = new Set<string>();
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly graceMs: number,
    private readonly onAbandoned: () => void,
  ) {}

  get count(): number {
    return this.pages.size;
  }

  arrived(page: string): void {
    this.pages.add(page);
    this.clearTimer();
  }

  left(page: string): void {
    if (!this.pages.delete(page) || this.pages.size > 0) return;
    this.clearTimer();
    this.timer = setTimeout(() => {
      this.timer = undefined;
      if (this.pages.size === 0) this.onAbandoned();
    }, this.graceMs);
    // Never the reason the host stays alive: stopping the host disposes the lab anyway.
    this.timer.unref();
  }

  /** The host is closing: nothing more fires. */
  dispose(): void {
    this.clearTimer();
    this.pages.clear();
  }

  private clearTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }
}
