/**
 * A stable text key for a plain value (a filter spec): object keys sorted, absent, undefined and null
 * fields alike dropped — so `{ a: 1, b: null }` and `{ a: 1 }` (and any key order) share a loader.
 */
export function canonicalKey(value: unknown): string {
  return JSON.stringify(canonical(value)) ?? '';
}

function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value !== null && typeof value === 'object' && !(value instanceof Date)) {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined && v !== null)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([k, v]) => [k, canonical(v)]);
    return Object.fromEntries(entries);
  }
  return value;
}
