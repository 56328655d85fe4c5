import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { serverOptions } from './src/db/data-source';

/**
 * The data source the TypeORM CLI uses: `npm run build && npx typeorm -d dist/ormconfig.js migration:show`
 * (or migration:run / migration:revert).
 * The CLI needs a server: set DATABASE_URL. The application itself migrates on start, on either database.
 */
export default new DataSource(
  serverOptions(process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres', (level, message) =>
    level === 'info' ? console.log(message) : console.error(message),
  ),
);
