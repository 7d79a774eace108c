export * from './charset';
export * from './outbound-error';
export * from './outbound-fetcher';
export * from './outbound-policy';
export * from './ssrf-guard';
export * from './outbound.module';
