import type { ServerResponse } from 'node:http';
import type { DataSource } from 'typeorm';
import type { Readiness } from '../db/data-source';
import { sendJson } from './respond';

/** GET /healthz: the process answers. */
export function healthz(res: ServerResponse): void {
  sendJson(res, 200, { status: 'ok' });
}

/** GET /readyz: 200 while the database is reachable and migrated and the server is not draining. */
export async function readyz(res: ServerResponse, readiness: () => Promise<Readiness>, draining: boolean) {
  const state: Readiness = draining ? { ready: false, reason: 'shutting down' } : await readiness();
  sendJson(
    res,
    state.ready ? 200 : 503,
    state.ready ? { status: 'ready' } : { status: 'not ready', reason: state.reason },
  );
}

/** The default readiness: a `SELECT 1` through the data source. */
export function pingReadiness(db: DataSource): () => Promise<Readiness> {
  return async () => {
    try {
      await db.query('SELECT 1');
      return { ready: true };
    } catch {
      return { ready: false, reason: 'database unreachable' };
    }
  };
}
