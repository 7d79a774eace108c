export * from './webhook-events';
export * from './signature';
export * from './webhook-outbox.service';
export * from './webhook-delivery.service';
export * from './webhooks.service';
export * from './webhooks.module';
