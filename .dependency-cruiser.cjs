/**
 * The layers of LAB_DESIGN.md section 2, checked by a tool rather than by good intentions.
 * Data flows one way: lessons -> engine's program API -> shared; hosts wire the lessons into the engine.
 */
module.exports = {
  forbidden: [
    {
      name: 'zod-through-its-config',
      comment: 'Schemas built before z.config({ jitless: true }) try eval, which the pages\' CSP refuses and logs: take z from shared/zod-config.',
      severity: 'error',
      from: { path: '^src', pathNot: '^src/shared/zod-config\\.ts$' },
      to: { path: 'node_modules/zod/', dependencyTypesNot: ['type-only'] },
    },
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
      comment: 'A lesson\'s text and explainer (every lesson file but a program) run in the renderer and the CLI: src/shared and pure lesson files only.',
      severity: 'error',
      from: { path: '^src/lessons/', pathNot: 'program[^/]*\\.ts$' },
      to: { path: ['^src/(engine|hosts|workers|renderer|preload)', '^src/lessons/.*program[^/]*\\.ts$'] },
    },
    {
      name: 'lesson-program-uses-the-program-api',
      comment: 'A lesson\'s program sees the engine only through its program API; of the lessons, its own folder, the common helpers and lesson texts.',
      severity: 'error',
      from: { path: '^src/lessons/([^/]+)/[^/]*program[^/]*\\.ts$' },
      to: {
        path: '^src/(engine|lessons)/',
        pathNot: ['^src/engine/program-api\\.ts$', '^src/lessons/$1/', '^src/lessons/common/', '^src/lessons/[^/]+/lesson\\.ts$'],
      },
    },
    {
      name: 'renderer-imports-only-shared',
      comment: 'The renderer reaches the engine only through the typed API; of the lessons, only their pure files.',
      severity: 'error',
      from: { path: '^src/renderer' },
      to: { path: ['^src/(engine|hosts|workers|preload/index)', '^src/lessons/.*program[^/]*\\.ts$', '^electron$'] },
    },
    {
      name: 'renderer-no-node',
      severity: 'error',
      from: { path: '^src/(renderer|shared|lessons)/', pathNot: 'program[^/]*\\.ts$' },
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
