import { ApiProperty } from '@nestjs/swagger';
import { WEBHOOK_EVENTS } from '@claimdesk/webhooks';
import { PageResponse } from './page.response';

export class WebhookResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() url!: string;
  @ApiProperty({ enum: WEBHOOK_EVENTS, isArray: true }) events!: string[];
  @ApiProperty() enabled!: boolean;
  @ApiProperty({ type: String, nullable: true, description: 'why it was disabled (failures in a row, or an admin)' })
  disabledReason!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) disabledAt!: string | null;
  @ApiProperty({ description: 'failed attempts in a row; at WEBHOOK_DISABLE_AFTER the webhook is disabled' })
  consecutiveFailures!: number;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) createdBy!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
}

export class CreatedWebhookResponse extends WebhookResponse {
  @ApiProperty({ description: 'the signing secret, shown in this answer only' }) secret!: string;
}

export class WebhookPageResponse extends PageResponse {
  @ApiProperty({ type: [WebhookResponse] }) items!: WebhookResponse[];
}

export class DeliveryAttemptResponse {
  @ApiProperty() attempt!: number;
  @ApiProperty({ type: Number, nullable: true, description: "the receiver's HTTP status; null: no answer" })
  statusCode!: number | null;
  @ApiProperty({ type: String, nullable: true }) error!: string | null;
  @ApiProperty() durationMs!: number;
  @ApiProperty({ format: 'date-time' }) requestedAt!: string;
}

export class DeliveryResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid', description: 'the id in the delivered body (the same for every attempt)' })
  eventId!: string;
  @ApiProperty({ enum: WEBHOOK_EVENTS }) event!: string;
  @ApiProperty({ enum: ['pending', 'succeeded', 'failed'] }) status!: string;
  @ApiProperty() attempts!: number;
  @ApiProperty() maxAttempts!: number;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) nextAttemptAt!: string | null;
  @ApiProperty({ type: Number, nullable: true }) lastStatus!: number | null;
  @ApiProperty({ type: String, nullable: true }) lastError!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) deliveredAt!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ type: [DeliveryAttemptResponse], description: 'every attempt, oldest first' })
  log!: DeliveryAttemptResponse[];
}

export class DeliveryPageResponse extends PageResponse {
  @ApiProperty({ type: [DeliveryResponse] }) items!: DeliveryResponse[];
}
