import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isEnumType, isInputObjectType, isInterfaceType, isObjectType } from 'graphql';
import { createSchema } from '../../src/graphql/schema';
import { printSchemaFile } from '../../src/graphql/print';

describe('schema/schema.graphql', () => {
  it('is what the code generates (run `npm run schema` after changing the API)', async () => {
    const checkedIn = readFileSync(join(__dirname, '..', '..', 'schema', 'schema.graphql'), 'utf8');
    expect(printSchemaFile(await createSchema())).toBe(checkedIn);
  });

  it('describes every type, field, argument and enum value', async () => {
    const schema = await createSchema();
    const missing: string[] = [];
    for (const type of Object.values(schema.getTypeMap())) {
      if (type.name.startsWith('__') || ['String', 'Int', 'Float', 'Boolean', 'ID'].includes(type.name)) continue;
      if (!type.description) missing.push(type.name);
      if (isObjectType(type) || isInterfaceType(type) || isInputObjectType(type)) {
        for (const field of Object.values(type.getFields())) {
          if (!field.description) missing.push(`${type.name}.${field.name}`);
          if ('args' in field) {
            for (const arg of field.args) if (!arg.description) missing.push(`${type.name}.${field.name}(${arg.name})`);
          }
        }
      }
      if (isEnumType(type)) {
        for (const value of type.getValues()) if (!value.description) missing.push(`${type.name}.${value.name}`);
      }
    }
    expect(missing).toEqual([]);
  });
});

describe('resolvers of the built schema (src/graphql/plain-fields.ts)', () => {
  it('reads entity columns inline, calls argument-free relation resolvers directly, keeps the rest wrapped', async () => {
    const schema = await createSchema();
    const field = (type: string, name: string) => {
      const t = schema.getType(type);
      if (!isObjectType(t)) throw new Error(`${type} is not an object type`);
      return t.getFields()[name];
    };
    // Columns of entities and embedded values: no resolver, graphql-jit reads the property.
    for (const [type, name] of [
      ['Target', 'role'],
      ['PlanValue', 'raw'],
      ['Indicator', 'name'],
      ['Policy', 'title'],
    ])
      expect(`${type}.${name}: ${typeof field(type, name).resolve}`).toBe(`${type}.${name}: undefined`);
    // A getter (the global ID) and a page's lazy flags keep a resolver (a getter may return a promise).
    expect(typeof field('Indicator', 'id').resolve).toBe('function');
    expect(typeof field('PageInfo', 'hasNextPage').resolve).toBe('function');
    // Relation fields with no arguments given are called directly; mutations with roles keep type-graphql's
    // wrapper (authorization, argument validation).
    const direct = (type: string, name: string) => String(field(type, name).resolve).includes('getters');
    expect(direct('Target', 'footnotes')).toBe(true);
    expect(direct('Indicator', 'targets')).toBe(true);
    expect(direct('Measure', 'outcomeIndicators')).toBe(true);
    expect(direct('Mutation', 'recordActual')).toBe(false);
    expect(direct('Query', 'targets')).toBe(false);
  });
});
