export * from './bm25';
export * from './encoder';
export * from './matcher';
export * from './normalize';
export * from './signals';
export * from './memory-index';
