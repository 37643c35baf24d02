/**
 * A run belongs to the page watching it. Through the built browser edition with real workers: once
 * the last page has been gone for the grace period, the run is cancelled and no worker is left; a
 * page that comes back within the grace period (a reload) keeps the run.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtEntries } from '../src/engine/entries';
import { HOST_LIMITS } from '../src/hosts/web/limits';
import type { ServerFrame } from '../src/shared/api';
import { BridgeClient, startHost, type Host } from './bridge-client';
import { OUT_MAIN } from './build-state';
import { processesRunning, waitUntil } from './processes';

const WORKER_PROCESS = builtEntries(OUT_MAIN).process;
const GRACE = HOST_LIMITS.detachGraceMs;
/** Long enough to outlast the grace period and the checks around it by far. */
const LONG_RUN = { experiment: 'cpu-bound', workers: 1, seconds: 25, switchMs: 5, modes: ['processes'] };

let host: Host;
beforeAll(async () => {
  host = await startHost();
});
afterAll(async () => {
  await host?.stop();
});

const workers = (): number => processesRunning(WORKER_PROCESS).length;
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
const errorOf = (frame: ServerFrame): string | undefined => ('reply' in frame && !frame.reply.ok ? frame.reply.error : undefined);

/** Opens a page, starts the long run and waits until its worker process is up. */
async function pageWithRun(): Promise<BridgeClient> {
  const page = await BridgeClient.open(host);
  const start = await page.call('startRun', LONG_RUN);
  expect(errorOf(start)).toBeUndefined();
  expect(await waitUntil(() => workers() > 0, 60_000)).toBe(true);
  return page;
}

function closed(page: BridgeClient): Promise<void> {
  return new Promise((resolve) => {
    page.ws.once('close', () => resolve());
    page.close();
  });
}

describe('a run whose page is gone', () => {
  it('is cancelled once the grace period has passed, leaving no worker', async () => {
    const page = await pageWithRun();
    await closed(page);
    const since = Date.now();
    await sleep(GRACE / 2);
    expect(workers()).toBeGreaterThan(0);
    expect(await waitUntil(() => workers() === 0, GRACE + 10_000)).toBe(true);
    // Not before the grace period: a reload must have had its chance.
    expect(Date.now() - since).toBeGreaterThanOrEqual(GRACE * 0.9);
    // The lab is free again: a new page's run is not refused as "already in progress".
    const next = await BridgeClient.open(host);
    const start = await next.call('startRun', { experiment: 'io-bound', workers: 2, seconds: 0.1, switchMs: 5 });
    expect(errorOf(start)).toBeUndefined();
    await next.call('cancelRun');
    next.close();
  });

  it('goes on when the page comes back within the grace period (a reload)', async () => {
    const page = await pageWithRun();
    await closed(page);
    await sleep(GRACE / 5);
    const reloaded = await BridgeClient.open(host);
    await sleep(GRACE + 2000);
    expect(workers()).toBeGreaterThan(0);
    expect(errorOf(await reloaded.call('startRun', LONG_RUN))).toMatch(/already in progress/);
    const cancel = await reloaded.call('cancelRun');
    expect('reply' in cancel && cancel.reply.ok && cancel.reply.value).toEqual({ cancelled: true });
    expect(await waitUntil(() => workers() === 0, 5000)).toBe(true);
    reloaded.close();
  });
});
