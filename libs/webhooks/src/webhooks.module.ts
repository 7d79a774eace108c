import { Module } from '@nestjs/common';
import { OutboundModule } from '@claimdesk/outbound';
import { WebhookDeliveryService } from './webhook-delivery.service';
import { WebhookOutbox } from './webhook-outbox.service';
import { WebhooksRepository } from './webhooks.repository';
import { WebhooksService } from './webhooks.service';

/** Webhooks: the outbox other features write to, deliveries (the worker's job) and the admins' endpoints. */
@Module({
  imports: [OutboundModule],
  providers: [WebhooksRepository, WebhookOutbox, WebhookDeliveryService, WebhooksService],
  exports: [WebhookOutbox, WebhookDeliveryService, WebhooksService],
})
export class WebhooksModule {}
