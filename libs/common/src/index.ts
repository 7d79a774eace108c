export * from './domain-error';
export * from './pagination';
export * from './actor';
export * from './bulk';
export * from './unavailable';
export * from './coalescer';
