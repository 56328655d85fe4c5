import { isObjectType, type GraphQLSchema } from 'graphql';
import { getMetadataStorage } from 'type-graphql';

/**
 * type-graphql gives every plain `@Field` (a property already on the parent) a resolver that builds a
 * resolver-data object and runs the (empty) middleware chain to read `root[name]`. This replaces it by the
 * read alone on each object type field that is such a plain read: no field resolver (a resolver class's or
 * the type's own method), no roles, no middlewares, no arguments, and the same GraphQL and property name.
 *
 * It stays a resolver (not none, which graphql-jit would read inline): a property declared `boolean` may
 * hold a promise at run time (a page's lazy hasPreviousPage, src/services/paging.ts), and only a resolver's
 * result may be one. Returns how many resolvers were replaced.
 */
export function simplifyPlainFieldResolvers(schema: GraphQLSchema): number {
  const storage = getMetadataStorage();
  let replaced = 0;
  for (const objectType of storage.objectTypes) {
    const type = schema.getType(objectType.name);
    if (!isObjectType(type)) continue;
    // The classes whose fields this type has: its own, its superclasses' and its interfaces'.
    const owners = new Set<unknown>(objectType.interfaceClasses ?? []);
    for (
      let c: unknown = objectType.target;
      typeof c === 'function' && c !== Function.prototype;
      c = Object.getPrototypeOf(c)
    ) {
      owners.add(c);
    }
    const resolved = new Set(
      storage.fieldResolvers
        .filter((r) => {
          const target = r.getObjectType?.();
          return target === undefined || owners.has(target) || owners.has(r.target);
        })
        .map((r) => r.methodName),
    );
    for (const field of Object.values(type.getFields())) {
      if (!field.resolve || resolved.has(field.name)) continue;
      const meta = storage.fields.filter((m) => m.schemaName === field.name && owners.has(m.target));
      const plain =
        meta.length > 0 &&
        meta.every((m) => m.name === field.name && !m.roles?.length && !m.middlewares?.length && !m.params?.length);
      if (!plain) continue;
      const name = field.name;
      field.resolve = (root: Record<string, unknown>) => root[name];
      replaced += 1;
    }
  }
  return replaced;
}
