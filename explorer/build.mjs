/* global process, console */
// Builds the explorer (explorer/src/main.ts: GraphiQL 5, React, Monaco and its workers) into dist/explorer/,
// with content-hashed names and a manifest.json the server reads. Skips the build when dist/explorer is newer
// than its inputs (the sources, this script and package-lock.json); `--force` rebuilds.
import { build } from 'esbuild';
import { mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outdir = join(root, 'dist', 'explorer');
const manifestFile = join(outdir, 'manifest.json');

function newest(paths) {
  let latest = 0;
  for (const path of paths) {
    const stat = statSync(path);
    if (stat.isDirectory()) latest = Math.max(latest, newest(readdirSync(path).map((f) => join(path, f))));
    else latest = Math.max(latest, stat.mtimeMs);
  }
  return latest;
}

function upToDate() {
  try {
    const inputs = [join(root, 'explorer'), join(root, 'package-lock.json')];
    return statSync(manifestFile).mtimeMs > newest(inputs);
  } catch {
    return false;
  }
}

if (!process.argv.includes('--force') && upToDate()) process.exit(0);

const started = Date.now();
rmSync(outdir, { recursive: true, force: true });
mkdirSync(outdir, { recursive: true });
const result = await build({
  absWorkingDir: root,
  entryPoints: {
    main: 'explorer/src/main.ts',
    'editor.worker': 'monaco-editor/esm/vs/editor/editor.worker.js',
    'json.worker': 'monaco-editor/esm/vs/language/json/json.worker.js',
    'graphql.worker': 'monaco-graphql/esm/graphql.worker.js',
  },
  outdir,
  bundle: true,
  splitting: true,
  format: 'esm',
  target: ['es2022'],
  minify: true,
  sourcemap: false,
  legalComments: 'external',
  entryNames: '[name]-[hash]',
  chunkNames: 'chunks/[name]-[hash]',
  assetNames: 'assets/[name]-[hash]',
  publicPath: '/explorer/',
  loader: { '.ttf': 'file', '.woff': 'file', '.woff2': 'file', '.svg': 'file', '.png': 'file' },
  define: { 'process.env.NODE_ENV': '"production"' },
  metafile: true,
  logLevel: 'warning',
});

const entries = {
  main: 'explorer/src/main.ts',
  editorWorker: 'node_modules/monaco-editor/esm/vs/editor/editor.worker.js',
  jsonWorker: 'node_modules/monaco-editor/esm/vs/language/json/json.worker.js',
  graphqlWorker: 'node_modules/monaco-graphql/esm/graphql.worker.js',
};
const manifest = {};
const url = (file) => `/explorer/${relative(outdir, join(root, file))}`;
for (const [file, output] of Object.entries(result.metafile.outputs)) {
  const [name] = Object.entries(entries).find(([, entry]) => entry === output.entryPoint) ?? [];
  if (!name) continue;
  manifest[name] = url(file);
  if (output.cssBundle) manifest[`${name}Css`] = url(output.cssBundle);
}
writeFileSync(manifestFile, `${JSON.stringify(manifest, null, 2)}\n`);
console.log(`explorer built in ${((Date.now() - started) / 1000).toFixed(1)} s: ${relative(root, outdir)}/`);
