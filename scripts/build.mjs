/* global process */
// `npm run build`: compiles the server (tsc), the explorer and the dashboard, each only when one of its inputs
// is newer than its output, so `npm start`, `npm run token`, `npm run import` and `npm run schema` (which
// build first) start at once when dist/ is current. `--force` rebuilds everything.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const force = process.argv.includes('--force');

/** The newest modification time under the given files and folders (node_modules and dist excluded). */
function newest(paths) {
  let latest = 0;
  const visit = (path) => {
    if (!existsSync(path)) return;
    const stat = statSync(path);
    if (stat.isDirectory()) {
      for (const entry of readdirSync(path)) if (entry !== 'node_modules' && entry !== 'dist') visit(join(path, entry));
    } else latest = Math.max(latest, stat.mtimeMs);
  };
  for (const path of paths) visit(join(root, path));
  return latest;
}

function run(command, args) {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

const node = process.execPath;
const bin = (path) => join(root, 'node_modules', path);
const shared = ['package-lock.json', 'tsconfig.json', 'scripts/build.mjs'];
const stages = [
  {
    name: 'server',
    inputs: ['src', 'migrations', 'ormconfig.ts', 'tsconfig.build.json', ...shared],
    output: 'dist/src/main.js',
    // --incremental: when a source did change, only what depends on it is checked again.
    build: () =>
      run(node, [
        bin('typescript/bin/tsc'),
        '-p',
        'tsconfig.build.json',
        '--incremental',
        '--tsBuildInfoFile',
        'dist/tsconfig.build.tsbuildinfo',
      ]),
  },
  // explorer/build.mjs skips by itself when its bundle is newer than its inputs.
  { name: 'explorer', build: () => run(node, [join(root, 'explorer', 'build.mjs'), ...(force ? ['--force'] : [])]) },
  {
    name: 'dashboard',
    inputs: ['web', 'clients/typescript', ...shared],
    output: 'dist/dashboard/index.html',
    build: () => run(node, [bin('vite/bin/vite.js'), 'build', '--config', 'web/vite.config.mts', '--logLevel', 'warn']),
  },
];

for (const stage of stages) {
  if (!stage.inputs) {
    stage.build();
    continue;
  }
  const stamp = join(root, 'dist', `.built-${stage.name}`);
  const current =
    !force &&
    existsSync(stamp) &&
    existsSync(join(root, stage.output)) &&
    statSync(stamp).mtimeMs > newest(stage.inputs);
  if (current) continue;
  const started = Date.now();
  stage.build();
  mkdirSync(dirname(stamp), { recursive: true });
  // Written after the build, stamped with its start: a source saved during the build makes the next one run.
  writeFileSync(stamp, `${new Date(started).toISOString()}\n`);
  utimesSync(stamp, started / 1000, started / 1000);
}
