export * from './log-context';
export * from './logger';
export * from './metrics';
export * from './queue-stats';
export * from './workflow-metrics';
export * from './health-probes';
export * from './cluster-metrics';
