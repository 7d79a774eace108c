import { DataSourceOptions } from 'typeorm';
import { MIGRATIONS } from './migrations';

/** Connection options shared by the app, the migration runner and the tests. Never `synchronize`. */
export function dataSourceOptions(databaseUrl: string): DataSourceOptions {
  return {
    type: 'postgres',
    url: databaseUrl,
    synchronize: false,
    migrationsRun: false,
    migrations: MIGRATIONS,
    migrationsTransactionMode: 'all',
    // A connection that cannot be made within 3 s fails the request (503) instead of queueing it forever.
    extra: { max: 10, connectionTimeoutMillis: 3000 },
  };
}
