/**
 * The layers of LAB_DESIGN.md section 2, checked by a tool rather than by good intentions.
 */
module.exports = {
  forbidden: [
    {
      name: 'shared-is-pure',
      comment: 'src/shared runs everywhere: no node built-ins, no electron, no other layer.',
      severity: 'error',
      from: { path: '^src/shared' },
      to: { pathNot: ['^src/shared', 'node_modules/zod'] },
    },
    {
      name: 'lab-never-imports-electron',
      comment: 'The engine is plain Node, shared by the desktop app, the browser edition and the CLI.',
      severity: 'error',
      from: { path: '^src/main/(lab|web|cli)' },
      to: { path: ['^electron$', 'node_modules/electron/'] },
    },
    {
      name: 'lab-stays-below-hosts',
      comment: 'The engine does not know its hosts.',
      severity: 'error',
      from: { path: '^src/main/lab' },
      to: { path: '^src/main', pathNot: '^src/main/lab' },
    },
    {
      name: 'workers-import-only-shared',
      severity: 'error',
      from: { path: '^src/workers' },
      to: { path: '^src/(main|renderer|preload)' },
    },
    {
      name: 'renderer-imports-only-shared',
      comment: 'The renderer reaches the engine only through the typed API.',
      severity: 'error',
      from: { path: '^src/renderer' },
      to: { path: ['^src/(main|workers|preload/index)', '^electron$'] },
    },
    {
      name: 'renderer-no-node',
      severity: 'error',
      from: { path: '^src/(renderer|shared)' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'preload-imports-only-shared',
      severity: 'error',
      from: { path: '^src/preload' },
      to: { path: '^src/(main|workers|renderer)' },
    },
    {
      name: 'nothing-imports-main',
      comment: 'Only main imports main.',
      severity: 'error',
      from: { pathNot: '^src/main' },
      to: { path: '^src/main' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '\\.test\\.ts$' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.node.json' },
  },
};
