/** A parent row the foreign keys guarantee; its absence means the database changed under the request. */
export async function mustExist<T>(value: Promise<T | null>, what: string): Promise<T> {
  const found = await value;
  if (found === null) throw new Error(`${what} vanished during the request`);
  return found;
}
