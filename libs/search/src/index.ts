export * from './search.module';
export * from './search.service';
export * from './search.views';
export { HIT_KINDS, RANK_WINDOW, SearchRepository, type HitKind, type SearchFilter } from './search.repository';
