import type { DataSource } from 'typeorm';
import { sharedDataSource } from '../db/query-counter';

/*
 * Reads go around TypeORM's query builder and entity transformer (a tenth of the CPU of a whole-plan
 * request): a loader sends one hand-built statement through `DataSource.query` (still counted, still
 * one statement per batch) and hydrates rows the way RawSqlResultsToEntityTransformer does — an object
 * with the entity's prototype (nodeType, globalId), embedded columns (Target.value, a PlanValue) set
 * through the column metadata, and the driver's conversion for any column type pg does not already give
 * as the entity's JS value. test/integration/hydration.test.ts holds the result equal to TypeORM's own `find`.
 */

export type EntityClass<T> = new () => T;
export type Row = Record<string, unknown>;

/** Column types whose pg value is what TypeORM's postgres driver would hydrate, unchanged. */
const PASS_THROUGH = new Set<unknown>(['int', 'integer', 'int4', 'text', 'varchar', 'double precision', 'boolean']);

export function quote(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** How an entity is selected and built from raw rows, from its TypeORM metadata. */
export interface Shape<T> {
  /**
   * `"alias"."column" AS "alias.column"`, … for every selected column of the entity, or only for the columns of
   * `properties` (a property, or an embedded one such as `value` for all its `value_*` columns).
   */
  select(alias: string, properties?: readonly string[]): string;
  /**
   * `json_build_object('alias.column', "alias"."column", …)` of every column: a row as JSON inside another
   * statement (a sub-select), hydrated with `hydrate(object, alias)`. For columns whose JSON is the pg value
   * (integers, text, booleans, double precision, text arrays).
   */
  json(alias: string): string;
  /** The quoted columns `select` selects, in its order. */
  columns(properties?: readonly string[]): string[];
  /** The entity of a row selected with `select(alias)` (with `properties`: only those are set). */
  hydrate(row: Row, alias: string): T;
  /** The quoted table name. */
  table: string;
  /** The quoted column of a property (`indicatorId` → `"indicator_id"`). */
  column(property: string): string;
}

const shapes = new WeakMap<DataSource, Map<EntityClass<unknown>, Shape<unknown>>>();

export function shapeOf<T>(ds: DataSource, entity: EntityClass<T>): Shape<T> {
  // Keyed by the shared data source: a request's counted view (src/db/query-counter) reuses its shapes.
  const source = sharedDataSource(ds);
  let perSource = shapes.get(source);
  if (!perSource) shapes.set(source, (perSource = new Map()));
  const known = perSource.get(entity);
  if (known) return known as Shape<T>;
  const metadata = ds.getMetadata(entity);
  const columns = metadata.columns
    .filter((c) => c.isSelect && !c.isVirtual && !c.isVirtualProperty)
    .map((c) => ({
      meta: c,
      name: c.databaseName,
      property: c.propertyName,
      path: c.propertyPath,
      embedded: c.embeddedMetadata !== undefined,
      convert: c.transformer !== undefined || !PASS_THROUGH.has(c.type),
    }));
  const pick = (properties?: readonly string[]) =>
    properties ? columns.filter((c) => properties.some((p) => c.path === p || c.path.startsWith(`${p}.`))) : columns;
  const byProperty = new Map(metadata.columns.map((c) => [c.propertyPath, c.databaseName]));
  const prototype = entity.prototype as object;
  const driver = ds.driver;
  const selects = new Map<string, string>();
  const objects = new Map<string, string>();
  const shape: Shape<T> = {
    table: metadata.tablePath.split('.').map(quote).join('.'),
    select(alias, properties) {
      if (properties) {
        return pick(properties)
          .map((c) => `${quote(alias)}.${quote(c.name)} AS ${quote(`${alias}.${c.name}`)}`)
          .join(', ');
      }
      // The whole list is made once per alias: loaders are built per request, their SQL text need not be.
      let list = selects.get(alias);
      if (list === undefined) {
        list = columns.map((c) => `${quote(alias)}.${quote(c.name)} AS ${quote(`${alias}.${c.name}`)}`).join(', ');
        selects.set(alias, list);
      }
      return list;
    },
    columns: (properties) => pick(properties).map((c) => quote(c.name)),
    json(alias) {
      let text = objects.get(alias);
      if (text === undefined) {
        text = `json_build_object(${columns.map((c) => `'${`${alias}.${c.name}`.replace(/'/g, "''")}', ${quote(alias)}.${quote(c.name)}`).join(', ')})`;
        objects.set(alias, text);
      }
      return text;
    },
    column(property) {
      const name = byProperty.get(property);
      if (!name) throw new Error(`${metadata.name} has no column for ${property}`);
      return quote(name);
    },
    hydrate(row, alias) {
      const target = Object.create(prototype) as Record<string, unknown>;
      for (const c of columns) {
        let value = row[`${alias}.${c.name}`];
        if (value === undefined) continue;
        if (c.convert) value = driver.prepareHydratedValue(value, c.meta);
        if (c.embedded) c.meta.setEntityValue(target, value);
        else target[c.property] = value;
      }
      return target as T;
    },
  };
  perSource.set(entity, shape as Shape<unknown>);
  return shape;
}
