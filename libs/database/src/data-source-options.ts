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
    extra: { max: 10 },
  };
}
