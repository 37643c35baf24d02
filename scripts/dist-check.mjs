/**
 * `npm run dist:check`: what can be known about packaging without building it. This machine (and
 * any offline one) cannot download Electron or electron-builder's tools, so the installers are
 * built in CI; here we make sure CI is handed a config and workflows that are valid:
 *
 * - electron-builder.yml against electron-builder's own JSON schema (app-builder-lib/scheme.json),
 *   plus the facts the packaged app depends on (every runtime dependency unpacked from the archive
 *   for the workers, the RunAsNode fuse on, the icon and entitlements present, the deb scripts still
 *   installing the AppArmor profile Ubuntu 24.04 needs);
 * - every file in .github/workflows through GitHub's own workflow parser (@actions/workflow-parser).
 *
 * Exits 1 with one line per problem.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire, register } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import Ajv from 'ajv';
import { parse as parseYaml } from 'yaml';

// Before the parser loads: it imports its schema as JSON without an import attribute.
register('./json-import-hook.mjs', import.meta.url);
const { NoOperationTraceWriter, parseWorkflow } = await import('@actions/workflow-parser');

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(ROOT, 'package.json'));

/** electron-builder's schema, from the installed electron-builder (the one `npm run dist` uses). */
function builderSchema() {
  return JSON.parse(readFileSync(require.resolve('app-builder-lib/scheme.json'), 'utf8'));
}

/** Problems with an electron-builder config object: schema errors first, then the lab's own rules. */
export function checkBuilderConfig(config, pkg, root = ROOT) {
  const ajv = new Ajv({ allErrors: true, strict: false });
  const validate = ajv.compile(builderSchema());
  const problems = [];
  if (!validate(config)) {
    for (const error of validate.errors ?? []) {
      const where = error.instancePath || '(top level)';
      const extra = error.params && 'additionalProperty' in error.params ? ` "${error.params.additionalProperty}"` : '';
      problems.push(`electron-builder.yml ${where}: ${error.message}${extra}`);
    }
    // Schema errors make the rules below meaningless (the shapes they read may be wrong).
    return problems;
  }
  if (config.productName !== 'GIL Lab') problems.push('electron-builder.yml: productName must be "GIL Lab"');
  const unpacked = config.asarUnpack ?? [];
  if (!unpacked.includes('out/main/**')) problems.push('electron-builder.yml: out/main/** must be unpacked (workers start from real files)');
  for (const name of Object.keys(pkg.dependencies ?? {})) {
    if (name === 'ws') continue; // the browser edition's bridge; never loaded by the desktop app or a worker
    if (!unpacked.includes(`node_modules/${name}/**`)) problems.push(`electron-builder.yml: node_modules/${name}/** must be unpacked (a worker may require it)`);
  }
  if (!unpacked.includes('python/**')) problems.push('electron-builder.yml: python/** must be unpacked (CPython runs the lesson programs from real files)');
  if (config.electronFuses?.runAsNode !== true) problems.push('electron-builder.yml: the runAsNode fuse must stay on (the lab\'s processes are the app run as Node)');
  for (const file of [config.mac?.icon, config.win?.icon, config.linux?.icon, config.mac?.entitlements]) {
    if (file && !existsSync(join(root, file))) problems.push(`electron-builder.yml: ${file} does not exist`);
  }
  if (config.deb?.afterInstall === undefined) {
    const template = join(dirname(require.resolve('app-builder-lib/package.json')), 'templates', 'linux', 'after-install.tpl');
    const text = existsSync(template) ? readFileSync(template, 'utf8') : '';
    if (!/apparmor/i.test(text)) problems.push('electron-builder\'s deb after-install script no longer installs an AppArmor profile: Ubuntu 24.04 needs one');
  }
  const electron = pkg.devDependencies?.electron ?? '';
  if (!/^45\.\d+\.\d+$/.test(electron)) problems.push(`package.json: electron must be pinned to an exact 45.x version, not "${electron}"`);
  if (!pkg.engines?.node) problems.push('package.json: "engines.node" must say which Node builds and runs the lab');
  return problems;
}

/** Problems GitHub's own parser finds in one workflow file. */
export function checkWorkflow(name, content) {
  const result = parseWorkflow({ name, content }, new NoOperationTraceWriter());
  const problems = result.context.errors.getErrors().map((error) => `${name}: ${error.message}`);
  if (problems.length === 0 && result.value === undefined) problems.push(`${name}: not a workflow`);
  return problems;
}

function main() {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
  const config = parseYaml(readFileSync(join(ROOT, 'electron-builder.yml'), 'utf8'));
  const problems = checkBuilderConfig(config, pkg);
  const workflowDir = join(ROOT, '.github', 'workflows');
  const workflows = existsSync(workflowDir) ? readdirSync(workflowDir).filter((f) => /\.ya?ml$/.test(f)) : [];
  if (workflows.length === 0) problems.push('.github/workflows has no workflow');
  for (const file of workflows) problems.push(...checkWorkflow(`.github/workflows/${file}`, readFileSync(join(workflowDir, file), 'utf8')));
  if (problems.length > 0) {
    for (const problem of problems) process.stderr.write(`dist:check: ${problem}\n`);
    process.exit(1);
  }
  process.stdout.write(`dist:check: electron-builder.yml and ${workflows.length} workflows are valid\n`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) main();
