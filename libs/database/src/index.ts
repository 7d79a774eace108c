export * from './data-source-options';
export * from './database.module';
export * from './migrator';
export * from './raw-query';
export * from './row-to-entity';
