import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';

/** The folder is held by a live process: its pid, and its URL once it is a server that listens. */
export class DataDirLockedError extends Error {
  constructor(
    message: string,
    readonly pid: number | null = null,
    readonly url: string | null = null,
  ) {
    super(message);
  }
}

const lockPath = (dataDir: string) => join(dataDir, 'plangraph.lock');

/** The lock file: the holder's pid on its first line, the server's URL on the second once it listens. */
function readLock(path: string): { pid: number; url: string | null } {
  const [pid, url] = readFileSync(path, 'utf8').split('\n');
  return { pid: Number(pid), url: url?.trim() || null };
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * PGlite has no lock of its own: two processes on one folder would corrupt it. A pid file refuses the
 * second process (a stale file left by a crashed process is taken over). Returns the release function.
 */
export function lockDataDir(dataDir: string): () => void {
  mkdirSync(dataDir, { recursive: true });
  const path = lockPath(dataDir);
  for (let attempt = 0; attempt < 2; attempt += 1) {
    try {
      const fd = openSync(path, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return () => rmSync(path, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const { pid, url } = readLock(path);
      if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && alive(pid)) {
        throw new DataDirLockedError(
          `The embedded database in ${dataDir} is in use by process ${pid}. Stop it first (PGlite serves one process).`,
          pid,
          url,
        );
      }
      rmSync(path, { force: true });
    }
  }
  throw new DataDirLockedError(`Could not lock ${dataDir}.`);
}

/**
 * Writes the listening server's URL into the lock it holds, so that `npm run token` finds the server
 * that owns the folder (whatever PORT it was given, 0 included) and goes through its API.
 */
export function recordServerUrl(dataDir: string, url: string): void {
  const path = lockPath(dataDir);
  if (readLock(path).pid === process.pid) writeFileSync(path, `${process.pid}\n${url}\n`);
}
