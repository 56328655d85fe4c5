import type { CodegenConfig } from '@graphql-codegen/cli';
import { join } from 'node:path';

/** The repository root, from this file (clients/typescript/). */
export const ROOT = join(__dirname, '..', '..');

/** Where `npm run codegen` writes: a folder of the client package, never src/ of the server. */
export const GENERATED_DIR = join(__dirname, 'src', 'generated');

/**
 * GraphQL Code Generator's client preset over the checked-in schema, the example operations and the dashboard's. Documents are
 * emitted as typed strings (documentMode: string), so the client needs no `graphql` package at run time.
 */
export function codegenConfig(outDir: string = GENERATED_DIR): CodegenConfig {
  return {
    overwrite: true,
    silent: true,
    schema: join(ROOT, 'schema', 'schema.graphql'),
    // The example operations, and the public dashboard's (web/) so it is typed by the same client.
    documents: [join(ROOT, 'schema', 'operations', '*.graphql'), join(ROOT, 'web', 'src', 'operations', '*.graphql')],
    generates: {
      [`${outDir}/`]: {
        preset: 'client',
        presetConfig: { fragmentMasking: false, gqlTagName: 'graphql' },
        config: {
          documentMode: 'string',
          enumsAsTypes: true,
          useTypeImports: true,
          skipTypename: true,
          scalars: { DateTime: 'string' },
        },
      },
    },
  };
}
