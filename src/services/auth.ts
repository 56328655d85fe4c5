import { createHash, randomBytes } from 'node:crypto';
import { DataSource, IsNull, type EntityManager } from 'typeorm';
import { AppError } from '../domain/errors';
import { ApiToken, ApiTokenMeasure, roles, type Role } from '../entities';

/** Who is calling: the holder of a valid token. Anonymous callers have none. */
export interface User {
  tokenId: number;
  name: string;
  role: Role;
  /** Measures an editor may write to; null = every measure. */
  measureIds: number[] | null;
}

export const TOKEN_PREFIX = 'plg_';

export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** A token request the caller must change (CLI message, or BAD_USER_INPUT over GraphQL). */
export class TokenError extends AppError {
  constructor(message: string, details: Record<string, unknown> = {}) {
    super('BAD_USER_INPUT', message, details);
  }
}

export function isRole(value: string): value is Role {
  return (roles as readonly string[]).includes(value);
}

/** Creates a token and returns it: the only time it exists outside the caller's hands is here. */
export async function createToken(
  db: DataSource | EntityManager,
  input: { role: string; name: string; measureIds?: number[]; token?: string; editorNeedsMeasures?: boolean },
): Promise<{ id: number; token: string }> {
  if (!isRole(input.role)) throw new TokenError(`Unknown role "${input.role}": use editor, approver or admin.`);
  const name = input.name.trim();
  if (!name || name.length > 100) throw new TokenError('A token needs a name of 1 to 100 characters.');
  const measureIds = [...new Set(input.measureIds ?? [])];
  if (input.editorNeedsMeasures && input.role === 'editor' && measureIds.length === 0) {
    throw new TokenError('An editor token needs measureIds: the measures it may write to.', {
      argument: 'measureIds',
    });
  }
  if (measureIds.length > 0 && input.role !== 'editor') {
    throw new TokenError(
      'Only editor tokens are limited to measures (--measure); approvers and admins act on every measure.',
    );
  }
  const token = input.token ?? `${TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
  const run = async (m: EntityManager) => {
    if (measureIds.length > 0) {
      const found = (await m.query('SELECT id FROM measure WHERE id = ANY($1)', [measureIds])) as { id: number }[];
      const missing = measureIds.filter((id) => !found.some((f) => f.id === id));
      if (missing.length > 0)
        throw new TokenError(`No measure with id ${missing.join(', ')}.`, { argument: 'measureIds', missing });
    }
    const saved = await m.getRepository(ApiToken).save({ name, role: input.role as Role, tokenHash: hashToken(token) });
    if (measureIds.length > 0) {
      await m.getRepository(ApiTokenMeasure).insert(measureIds.map((measureId) => ({ tokenId: saved.id, measureId })));
    }
    return { id: saved.id, token };
  };
  return db instanceof DataSource ? db.transaction(run) : run(db);
}

/** Registers a token chosen by the operator (ADMIN_TOKEN), once: a second start finds it and does nothing. */
export async function ensureAdminToken(db: DataSource, token: string): Promise<void> {
  if (token.length < 16) throw new TokenError('ADMIN_TOKEN must be at least 16 characters long.');
  const existing = await db.getRepository(ApiToken).findOne({ where: { tokenHash: hashToken(token) } });
  if (existing) {
    if (existing.role !== 'admin' || existing.revokedAt) {
      throw new TokenError('ADMIN_TOKEN matches a token that is revoked or not an admin token.');
    }
    return;
  }
  await createToken(db, { role: 'admin', name: 'ADMIN_TOKEN', token });
}

/** Revokes a token; false when there is no such live token. */
export async function revokeToken(db: DataSource | EntityManager, id: number): Promise<boolean> {
  const result = await db.getRepository(ApiToken).update({ id, revokedAt: IsNull() }, { revokedAt: new Date() });
  return (result.affected ?? 0) > 0;
}

export interface TokenInfo {
  id: number;
  name: string;
  role: Role;
  createdAt: Date;
  revokedAt: Date | null;
  measureIds: number[];
}

export async function listTokens(db: DataSource | EntityManager): Promise<TokenInfo[]> {
  const rows = (await db.query(
    `SELECT t.id, t.name, t.role, t.created_at, t.revoked_at,
            coalesce(array_agg(m.measure_id ORDER BY m.measure_id) FILTER (WHERE m.measure_id IS NOT NULL), '{}') AS measure_ids
       FROM api_token t LEFT JOIN api_token_measure m ON m.token_id = t.id
      GROUP BY t.id ORDER BY t.id`,
  )) as { id: number; name: string; role: Role; created_at: Date; revoked_at: Date | null; measure_ids: number[] }[];
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    role: r.role,
    createdAt: r.created_at,
    revokedAt: r.revoked_at,
    measureIds: r.measure_ids,
  }));
}

/**
 * The user behind an Authorization header, or null for anonymous callers. A header with an unknown or
 * revoked token is also anonymous here; writes then fail with UNAUTHENTICATED saying the token is invalid.
 */
export async function authenticate(
  db: DataSource,
  header: string | undefined,
): Promise<{ user: User | null; invalidToken: boolean }> {
  if (!header) return { user: null, invalidToken: false };
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (!match) return { user: null, invalidToken: true };
  const rows = (await db.query(
    `SELECT t.id, t.name, t.role, array_remove(array_agg(m.measure_id), NULL) AS measure_ids
       FROM api_token t LEFT JOIN api_token_measure m ON m.token_id = t.id
      WHERE t.token_hash = $1 AND t.revoked_at IS NULL
      GROUP BY t.id`,
    [hashToken(match[1])],
  )) as { id: number; name: string; role: Role; measure_ids: number[] }[];
  const row = rows[0];
  if (!row) return { user: null, invalidToken: true };
  return {
    user: {
      tokenId: row.id,
      name: row.name,
      role: row.role,
      measureIds: row.role === 'editor' && row.measure_ids.length > 0 ? row.measure_ids : null,
    },
    invalidToken: false,
  };
}
