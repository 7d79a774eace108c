import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiAcceptedResponse, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Actor } from '@claimdesk/common';
import { WebhooksService } from '@claimdesk/webhooks';
import { Access, ADMIN } from '../auth/access.decorator';
import { CurrentUser } from '../auth/current-user.decorator';
import { PageQuery } from '../dto/page.dto';
import { ApiErrors } from '../dto/error.response';
import { CreateWebhookDto, UpdateWebhookDto } from '../dto/webhook.dto';
import {
  CreatedWebhookResponse,
  DeliveryPageResponse,
  DeliveryResponse,
  WebhookPageResponse,
  WebhookResponse,
} from '../dto/webhook.response';
import { UuidPipe } from '../http/uuid.pipe';

/** Admins' webhook endpoints and their delivery logs (deliveries themselves: libs/webhooks, in the worker). */
@ApiTags('webhooks')
@Controller('v1/webhooks')
export class WebhooksController {
  constructor(private readonly webhooks: WebhooksService) {}

  @Post()
  @Access(ADMIN)
  @ApiCreatedResponse({ type: CreatedWebhookResponse, description: 'the webhook, with its secret shown once' })
  @ApiErrors(400)
  create(@Body() dto: CreateWebhookDto, @CurrentUser() actor: Actor): Promise<CreatedWebhookResponse> {
    return this.webhooks.create(dto, actor);
  }

  @Get()
  @Access(ADMIN)
  @ApiOkResponse({ type: WebhookPageResponse })
  @ApiErrors(400)
  list(@Query() q: PageQuery): Promise<WebhookPageResponse> {
    return this.webhooks.list(q.limit, q.cursor);
  }

  @Get(':id')
  @Access(ADMIN)
  @ApiOkResponse({ type: WebhookResponse })
  @ApiErrors(400, 404)
  get(@Param('id', UuidPipe) id: string): Promise<WebhookResponse> {
    return this.webhooks.get(id);
  }

  @Patch(':id')
  @Access(ADMIN)
  @ApiOkResponse({ type: WebhookResponse })
  @ApiErrors(400, 404)
  update(@Param('id', UuidPipe) id: string, @Body() dto: UpdateWebhookDto): Promise<WebhookResponse> {
    return this.webhooks.update(id, dto);
  }

  @Delete(':id')
  @HttpCode(204)
  @Access(ADMIN)
  @ApiNoContentResponse({ description: 'deleted, with its deliveries' })
  @ApiErrors(400, 404)
  remove(@Param('id', UuidPipe) id: string): Promise<void> {
    return this.webhooks.remove(id);
  }

  @Get(':id/deliveries')
  @Access(ADMIN)
  @ApiOkResponse({ type: DeliveryPageResponse, description: 'newest first, each with its attempts' })
  @ApiErrors(400, 404)
  deliveries(@Param('id', UuidPipe) id: string, @Query() q: PageQuery): Promise<DeliveryPageResponse> {
    return this.webhooks.deliveries(id, q.limit, q.cursor);
  }

  @Post(':id/deliveries/:deliveryId/redeliver')
  @HttpCode(202)
  @Access(ADMIN)
  @ApiAcceptedResponse({ type: DeliveryResponse, description: 'one more attempt, queued now' })
  @ApiErrors(400, 404, 409)
  redeliver(
    @Param('id', UuidPipe) id: string,
    @Param('deliveryId', UuidPipe) deliveryId: string,
  ): Promise<DeliveryResponse> {
    return this.webhooks.redeliver(id, deliveryId);
  }
}
