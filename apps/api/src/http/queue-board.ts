import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { FastifyAdapter } from '@bull-board/fastify';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { QUEUES } from '@claimdesk/queue';

export const QUEUE_BOARD_PATH = '/admin/queues';

/**
 * bull-board over every queue, on the api's own Fastify instance. Its routes are not Nest routes, so not in
 * ROUTE_ACCESS: the auth hook (auth.hook.ts) gives everything under QUEUE_BOARD_PATH the admin rule.
 */
export async function registerQueueBoard(app: NestFastifyApplication): Promise<void> {
  const serverAdapter = new FastifyAdapter().setBasePath(QUEUE_BOARD_PATH);
  createBullBoard({
    queues: Object.values(QUEUES).map((name) => new BullMQAdapter(app.get<Queue>(getQueueToken(name)))),
    serverAdapter,
  });
  await app.getHttpAdapter().getInstance().register(serverAdapter.registerPlugin(), { prefix: QUEUE_BOARD_PATH });
}
