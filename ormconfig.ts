import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { serverOptions } from './src/db/data-source';

/**
 * The data source the TypeORM CLI uses (`npx typeorm-ts-node-commonjs -d ormconfig.ts migration:show`).
 * The CLI needs a server: set DATABASE_URL. The application itself migrates on start, on either database.
 */
export default new DataSource(serverOptions(process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres'));
