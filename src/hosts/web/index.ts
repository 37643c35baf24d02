/**
 * `npm run web`: the browser edition. Starts the engine and the loopback host, prints the address
 * to open, and stops every worker on Ctrl+C or when the terminal closes.
 */
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { parsePort } from '../../shared/plain-number';
import { builtEntries } from '../../engine/entries';
import { killAllChildren } from '../../engine/children';
import { Lab } from '../../engine/lab';
import { CpythonEngine } from '../../engine/cpython/cpython-engine';
import { PreferenceStore } from '../../engine/preferences';
import { legacyPreferenceFiles, preferencesFile } from '../../engine/preferences-location';
import { createLabService } from '../../engine/service';
import { LAB_LESSONS } from '../../lessons/programs';
import { openBrowser, planOpen } from './open-browser';
import { startWebHost } from './server';

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { port: { type: 'string' }, 'no-open': { type: 'boolean' } }, strict: true });
  const port = values.port === undefined ? 0 : parsePort(values.port);
  const lab = new Lab({ entries: builtEntries(__dirname), lessons: LAB_LESSONS });
  const preferences = new PreferenceStore(preferencesFile(), { carryOverFrom: legacyPreferenceFiles() });
  const cpython = new CpythonEngine(__dirname, lab.cores);
  const host = await startWebHost({ service: createLabService(lab, { preferences, cpython }), rendererDir: join(__dirname, '..', 'renderer'), port });
  process.stdout.write(`GIL Lab (browser edition) is running. Open this address in your browser:\n\n  ${host.url}\n\nPress Ctrl+C to stop.\n`);
  const plan = planOpen(host.url, { noOpen: values['no-open'] === true, env: process.env, platform: process.platform });
  if (plan.open) {
    void openBrowser(plan).then((problem) => {
      if (problem) process.stdout.write(`(${problem}; open the address above yourself.)\n`);
    });
  }

  let stopping = false;
  const stop = (): void => {
    if (stopping) return;
    stopping = true;
    void Promise.all([lab.dispose(), host.close()]).finally(() => process.exit(0));
    setTimeout(() => process.exit(0), 3000).unref();
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  process.on('SIGHUP', stop);
}

main().catch((error: unknown) => {
  killAllChildren();
  process.stderr.write(`gil-lab web: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
