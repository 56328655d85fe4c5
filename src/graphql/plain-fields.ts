import { isObjectType, type GraphQLSchema } from 'graphql';
import { getMetadataStorage } from 'type-graphql';
import { getMetadataArgsStorage } from 'typeorm';

/**
 * The classes whose instances only ever hold data: TypeORM entities (hydrated from rows, src/loaders/shape.ts) and
 * embedded column groups (PlanValue). Their columns are data properties, never promises or getters.
 */
function rowClasses(): Set<unknown> {
  const args = getMetadataArgsStorage();
  const classes = new Set<unknown>(args.tables.map((t) => t.target));
  for (const e of args.embeddeds) classes.add(e.type());
  return classes;
}

/** Whether `name` is an accessor (a getter) anywhere on the prototype chain of `target`'s instances. */
function isAccessor(target: unknown, name: string): boolean {
  for (
    let p: unknown = (target as { prototype?: unknown }).prototype;
    p && p !== Object.prototype;
    p = Object.getPrototypeOf(p)
  ) {
    const d = Object.getOwnPropertyDescriptor(p, name);
    if (d) return d.get !== undefined || d.set !== undefined || typeof d.value === 'function';
  }
  return false;
}

/**
 * type-graphql gives every plain `@Field` (a property already on the parent) a resolver that builds a
 * resolver-data object and runs the (empty) middleware chain to read `root[name]`. This replaces it by the
 * read alone on each object type field that is such a plain read: no field resolver (a resolver class's or
 * the type's own method), no roles, no middlewares, no arguments, and the same GraphQL and property name.
 *
 * On the types of row classes (entities and embedded columns, rowClasses) the field gets no resolver at all:
 * graphql-jit then reads the property inline, with no call, no resolve info and no promise check — most fields of
 * a plan tree are such columns. Elsewhere it stays a resolver: a property declared `boolean` may hold a promise at
 * run time (a page's lazy hasPreviousPage, src/services/paging.ts), and only a resolver's result may be one.
 * Returns how many resolvers were replaced or removed.
 */
export function simplifyPlainFieldResolvers(schema: GraphQLSchema): number {
  const storage = getMetadataStorage();
  const rows = rowClasses();
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
      if (rows.has(objectType.target) && !isAccessor(objectType.target, name)) field.resolve = undefined;
      else field.resolve = (root: Record<string, unknown>) => root[name];
      replaced += 1;
    }
  }
  return replaced;
}
