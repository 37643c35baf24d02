/**
 * The layers of LAB_DESIGN.md section 2, checked by a tool rather than by good intentions.
 * Data flows one way: lessons -> engine's program API -> shared; hosts wire the lessons into the engine.
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
      name: 'engine-never-imports-electron',
      comment: 'The engine is plain Node, shared by the desktop app, the browser edition and the CLI.',
      severity: 'error',
      from: { path: '^src/(engine|lessons|workers|hosts/(web|cli))' },
      to: { path: ['^electron$', 'node_modules/electron/'] },
    },
    {
      name: 'engine-stays-below-hosts',
      comment: 'The engine knows neither its hosts nor the lessons: hosts pass the lessons\' programs in.',
      severity: 'error',
      from: { path: '^src/engine' },
      to: { path: '^src/(hosts|lessons|renderer|preload)' },
    },
    {
      name: 'hosts-import-engine-shared-lessons',
      comment: 'A host validates input and calls the engine; workers and the UI are reached by file path or transport.',
      severity: 'error',
      from: { path: '^src/hosts' },
      to: { path: '^src/(workers|renderer|preload)' },
    },
    {
      name: 'workers-import-only-shared',
      severity: 'error',
      from: { path: '^src/workers' },
      to: { path: '^src/(engine|hosts|lessons|renderer|preload)' },
    },
    {
      name: 'interpreter-apart-from-sampler',
      comment: 'The simulated interpreter and the OS sampler are separate entry points.',
      severity: 'error',
      from: { path: '^src/workers/(interpreter|sampler)/' },
      to: { path: '^src/workers/', pathNot: '^src/workers/$1/' },
    },
    {
      name: 'lesson-text-and-explainer-are-pure',
      comment: 'A lesson\'s text and explainer run in the renderer and the CLI: only src/shared.',
      severity: 'error',
      from: { path: '^src/lessons/([^/]+/(lesson|explain)|catalogue)\\.ts$' },
      to: { pathNot: ['^src/shared', '^src/lessons/[^/]+/(lesson|explain)\\.ts$', 'node_modules/zod'] },
    },
    {
      name: 'lesson-program-uses-the-program-api',
      comment: 'A lesson\'s program sees the engine only through its program API, and no other lesson.',
      severity: 'error',
      from: { path: '^src/lessons/([^/]+)/' },
      to: { path: '^src/(engine|lessons/)', pathNot: ['^src/engine/program-api\\.ts$', '^src/lessons/$1/'] },
    },
    {
      name: 'renderer-imports-only-shared',
      comment: 'The renderer reaches the engine only through the typed API; of the lessons, only their pure files.',
      severity: 'error',
      from: { path: '^src/renderer' },
      to: { path: ['^src/(engine|hosts|workers|preload/index)', '^src/lessons/([^/]+/program|programs)\\.ts$', '^electron$'] },
    },
    {
      name: 'renderer-no-node',
      severity: 'error',
      from: { path: '^src/(renderer|shared|lessons/[^/]+/(lesson|explain)\\.ts|lessons/catalogue\\.ts)' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'preload-imports-only-shared',
      severity: 'error',
      from: { path: '^src/preload' },
      to: { path: '^src/(engine|hosts|lessons|workers|renderer)' },
    },
    {
      name: 'nothing-imports-hosts',
      comment: 'Only a host imports a host.',
      severity: 'error',
      from: { pathNot: '^src/hosts' },
      to: { path: '^src/hosts' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '\\.test\\.ts$' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.node.json' },
  },
};
