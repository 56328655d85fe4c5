import { PGlite, type PGliteOptions } from '@electric-sql/pglite';

/** Every embedded database is created through here, so it has the extensions the migrations use. */
export async function createPGlite(options: Omit<PGliteOptions, 'extensions'> = {}): Promise<PGlite> {
  // The contrib modules' type declarations are ESM-only; a dynamic import loads them from CommonJS.
  const { pg_trgm } = await import('@electric-sql/pglite/contrib/pg_trgm');
  return PGlite.create({ ...options, extensions: { pg_trgm } });
}
