export * from './backoff';
export * from './feed-items';
export * from './source.views';
export * from './source-poller.service';
export * from './sources.module';
export * from './sources.service';
