export * from './jobs';
export * from './job-producer.service';
export * from './queue.module';
