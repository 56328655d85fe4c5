import { lexicographicSortSchema, printSchema, type GraphQLSchema } from 'graphql';

const HEADER = '# Generated from the code by `npm run schema`. Do not edit: a test fails when this file drifts.\n\n';

/** The checked-in form of the schema: sorted, so the file changes only when the API does. */
export function printSchemaFile(schema: GraphQLSchema): string {
  return `${HEADER}${printSchema(lexicographicSortSchema(schema))}\n`;
}
