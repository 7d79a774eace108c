export * from './claim.entity';
export * from './claim-event.entity';
export * from './claim-status';
export * from './claim-scope';
export * from './claim.views';
export * from './claims.service';
export * from './claims.module';
export * from './priority';
export type { ClaimFilter } from './claims.repository';
