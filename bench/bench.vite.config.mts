import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

/**
 * Bundles the benchmark (bench/index.ts) for Node, so it can import the engine and src/shared
 * straight from their TypeScript sources. Packages in node_modules stay external. Output goes to
 * bench/out (git-ignored); the lab itself is still built by electron-vite into out/.
 */
const here = dirname(fileURLToPath(import.meta.url));

export default defineConfig({
  root: resolve(here, '..'),
  logLevel: 'warn',
  build: {
    ssr: resolve(here, 'index.ts'),
    outDir: resolve(here, 'out'),
    emptyOutDir: true,
    target: 'node20',
    minify: false,
    rollupOptions: { output: { format: 'es', entryFileNames: 'bench.mjs' } },
  },
});
