import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');
export const DASHBOARD_DIR = join(ROOT, 'dist', 'dashboard');

/** What the bundle is built from: the web source, its config, the typed client, the lock file. */
const SOURCES = [join(ROOT, 'web'), join(ROOT, 'clients', 'typescript', 'src'), join(ROOT, 'package-lock.json')];

function newest(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(path).reduce((max, name) => Math.max(max, newest(join(path, name))), stat.mtimeMs);
}

/** Builds the dashboard (npm run build:web) when dist/dashboard is missing or older than its sources. */
export function ensureDashboardBuilt(): void {
  const index = join(DASHBOARD_DIR, 'index.html');
  if (existsSync(index) && statSync(index).mtimeMs >= Math.max(...SOURCES.filter(existsSync).map(newest))) return;
  execFileSync(
    process.execPath,
    [
      join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js'),
      'build',
      '--config',
      'web/vite.config.mts',
      '--logLevel',
      'warn',
    ],
    { cwd: ROOT, stdio: 'pipe' },
  );
}
