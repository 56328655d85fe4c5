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
      // type-graphql reads the property (`name`), which may differ from the field (Node's `globalId` is `id`).
      const property = meta[0]?.name;
      const plain =
        meta.length > 0 &&
        meta.every((m) => m.name === property && m.roles === undefined && !m.middlewares?.length && !m.params?.length);
      if (!plain || property === undefined) continue;
      if (property === field.name && rows.has(objectType.target) && !isAccessor(objectType.target, property)) {
        field.resolve = undefined;
      } else field.resolve = (root: Record<string, unknown>) => root[property];
      replaced += 1;
    }
  }
  return replaced;
}

type Resolve = (root: unknown, args: unknown, context: unknown, info: unknown) => unknown;

type Get = (root: unknown, args: Record<string, unknown> | undefined, context: unknown, info: unknown) => unknown;

/** The names of an `@ArgsType` class's fields, its superclasses' included. */
function argsFieldNames(ArgsClass: unknown): string[] | undefined {
  const storage = getMetadataStorage();
  const names: string[] = [];
  let found = false;
  for (let c: unknown = ArgsClass; typeof c === 'function' && c.prototype !== undefined; c = Object.getPrototypeOf(c)) {
    const type = storage.argumentTypes.find((a) => a.target === c);
    if (type) {
      found = true;
      names.push(...(type.fields ?? []).map((f) => f.name));
    }
  }
  return found ? names : undefined;
}

/**
 * type-graphql calls a resolver class's `@FieldResolver` through a wrapper that, per call, builds a resolver-data
 * object, asks the container for the instance, runs the middleware chain and sorts and maps the parameter list
 * (getParams, whose argument validation is an async function: a promise per argument, given or not). For a field
 * resolver whose parameters are `@Root()`, `@Ctx()`, `@Info()`, `@Arg()`s and `@Args()` classes, with no roles and no
 * middlewares, this calls the method directly on one instance of its class when the query gives none of the
 * arguments — with the same values: the root as it is when it is already of the declared type, the whole context,
 * the info, the absent arguments as absent. Otherwise (an argument given, a root to convert) type-graphql's own
 * wrapper runs as before. Most relation fields of a plan tree (Indicator.targets, Target.footnotes,
 * Measure.outcomeIndicators …) are such resolvers, asked without arguments. Returns how many.
 */
export function directFieldResolvers(schema: GraphQLSchema): number {
  const storage = getMetadataStorage();
  const instances = new Map<unknown, object>();
  let replaced = 0;
  for (const objectType of storage.objectTypes) {
    const type = schema.getType(objectType.name);
    if (!isObjectType(type)) continue;
    const owners = new Set<unknown>(objectType.interfaceClasses ?? []);
    for (
      let c: unknown = objectType.target;
      typeof c === 'function' && c !== Function.prototype;
      c = Object.getPrototypeOf(c)
    ) {
      owners.add(c);
    }
    const candidates = storage.fieldResolvers.filter((r) => r.kind === 'external' && owners.has(r.getObjectType?.()));
    // A field resolved by more than one class (a type's and an interface's) keeps type-graphql's choice.
    const bySchemaName = new Map(
      candidates
        .filter((r) => candidates.filter((o) => o.schemaName === r.schemaName).length === 1)
        .map((r) => [r.schemaName, r]),
    );
    for (const field of Object.values(type.getFields())) {
      const r = bySchemaName.get(field.name);
      const wrapped = field.resolve as Resolve | undefined;
      // `@Authorized()` with no roles is `roles: []` and still checks authentication: any roles keep the wrapper.
      if (!r || !wrapped || r.roles !== undefined || r.middlewares?.length) continue;
      const params = [...(r.params ?? [])].sort((a, b) => a.index - b.index);
      const simple = params.every(
        (p) =>
          (p.kind === 'root' || p.kind === 'context' || p.kind === 'info' || p.kind === 'arg' || p.kind === 'args') &&
          !('propertyName' in p && p.propertyName),
      );
      const Resolver = r.target as new () => Record<string, (...a: unknown[]) => unknown>;
      if (!simple || Resolver.length > 0) continue;
      const root = params.find((p) => p.kind === 'root') as { getType?: () => unknown } | undefined;
      const rootType = root?.getType?.();
      const RootClass = typeof rootType === 'function' ? rootType : undefined;
      if (root?.getType && !RootClass) continue;
      let instance = instances.get(Resolver) as Record<string, (...a: unknown[]) => unknown> | undefined;
      if (!instance) instances.set(Resolver, (instance = new Resolver()));
      const method = instance[r.methodName];
      if (typeof method !== 'function') continue;
      const self = instance;
      // How each parameter is read, and the argument names whose presence sends the call to type-graphql.
      const given: string[] = [];
      const getters: Get[] = [];
      let supported = true;
      for (const p of params) {
        if (p.kind === 'root') getters.push((value) => value);
        else if (p.kind === 'context') getters.push((_v, _a, ctx) => ctx);
        else if (p.kind === 'info') getters.push((_v, _a, _c, info) => info);
        else if (p.kind === 'arg') {
          const name = p.name;
          given.push(name);
          getters.push((_v, args) => args?.[name]);
        } else if (p.kind === 'args') {
          // An @Args() class none of whose fields is given: type-graphql passes a fresh instance, its
          // undefined own properties removed (convertToType), and validates it (nothing to check).
          const ArgsClass = p.getType() as new () => Record<string, unknown>;
          const names = argsFieldNames(ArgsClass);
          if (!names || typeof ArgsClass !== 'function') supported = false;
          else {
            given.push(...names);
            getters.push(() => {
              const instance = new ArgsClass();
              for (const key of Object.keys(instance)) if (instance[key] === undefined) delete instance[key];
              return instance;
            });
          }
        } else supported = false;
      }
      if (!supported) continue;
      // The root as type-graphql would pass it: unchanged when null or already an instance of the declared class.
      // An argument the query leaves out (or passes as null) is passed as it is: type-graphql converts and
      // validates only values. With any argument given, type-graphql's wrapper runs (conversion, validation).
      const direct = (value: unknown, args: unknown, ctx: unknown, info: unknown): unknown => {
        if (!(value == null || !RootClass || value instanceof RootClass)) return wrapped(value, args, ctx, info);
        const a = args as Record<string, unknown> | undefined;
        if (a) for (const n of given) if (a[n] != null) return wrapped(value, args, ctx, info);
        switch (getters.length) {
          case 1:
            return method.call(self, getters[0](value, a, ctx, info));
          case 2:
            return method.call(self, getters[0](value, a, ctx, info), getters[1](value, a, ctx, info));
          case 3:
            return method.call(
              self,
              getters[0](value, a, ctx, info),
              getters[1](value, a, ctx, info),
              getters[2](value, a, ctx, info),
            );
          default:
            return method.apply(
              self,
              getters.map((g) => g(value, a, ctx, info)),
            );
        }
      };
      field.resolve = direct as typeof field.resolve;
      replaced += 1;
    }
  }
  return replaced;
}
