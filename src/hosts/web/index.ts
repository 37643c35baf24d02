/**
 * `npm run web`: the browser edition. Starts the engine and the loopback host, prints the address
 * to open, and stops every worker on Ctrl+C or when the terminal closes.
 */
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { builtEntries } from '../../engine/entries';
import { killAllChildren } from '../../engine/children';
import { Lab } from '../../engine/lab';
import { defaultConfigDir, PreferenceStore } from '../../engine/preferences';
import { createLabService } from '../../engine/service';
import { LAB_LESSONS } from '../../lessons/programs';
import { startWebHost } from './server';

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { port: { type: 'string' } }, strict: true });
  const port = values.port === undefined ? 0 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`--port must be a whole number from 0 to 65535, not "${values.port}"`);
  }
  const lab = new Lab({ entries: builtEntries(__dirname), lessons: LAB_LESSONS });
  const preferences = new PreferenceStore(join(defaultConfigDir(), 'preferences.json'));
  const host = await startWebHost({ service: createLabService(lab, { preferences }), rendererDir: join(__dirname, '..', 'renderer'), port });
  process.stdout.write(`GIL Lab (browser edition) is running. Open this address in your browser:\n\n  ${host.url}\n\nPress Ctrl+C to stop.\n`);

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
