import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';
import { version } from './package.json';

/**
 * Three bundles. The main bundle holds every Node entry: the Electron host, the browser
 * edition's host, the CLI and the worker entries, all built to fixed names in out/main so a host
 * can find its workers beside itself.
 */
export default defineConfig({
  main: {
    build: {
      // The same bundles run in Electron's Node and, for the browser edition and the CLI, in the
      // user's own Node: build for the oldest one we support (package.json "engines").
      target: 'node20',
      rollupOptions: {
        input: {
          index: resolve(__dirname, 'src/hosts/electron/index.ts'),
          web: resolve(__dirname, 'src/hosts/web/index.ts'),
          cli: resolve(__dirname, 'src/hosts/cli/index.ts'),
          'workers/lab-thread': resolve(__dirname, 'src/workers/interpreter/thread-entry.ts'),
          'workers/lab-process': resolve(__dirname, 'src/workers/interpreter/process-entry.ts'),
          'workers/lab-sampler': resolve(__dirname, 'src/workers/sampler/sampler-entry.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      // A sandboxed preload cannot require anything but electron: one self-contained file.
      isolatedEntries: true,
      externalizeDeps: false,
      rollupOptions: {
        input: { index: resolve(__dirname, 'src/preload/index.ts') },
      },
    },
  },
  renderer: {
    root: resolve(__dirname, 'src/renderer'),
    plugins: [react()],
    // The version the help dialog shows, from package.json (the installers carry the same one).
    define: { __GIL_LAB_VERSION__: JSON.stringify(version) },
    build: {
      // Small to load, and still readable in DevTools or a bug report through its source maps
      // (the installers leave the maps out: electron-builder.yml).
      minify: true,
      sourcemap: true,
      rollupOptions: {
        input: { index: resolve(__dirname, 'src/renderer/index.html') },
      },
    },
  },
});
