import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { Logger } from 'pino';
import { AppConfig } from '@claimdesk/config';
import { PinoNestLogger, processLogger } from '@claimdesk/observability';
import { WorkerModule } from './worker.module';

/** The worker: BullMQ processors and the sweeper, no HTTP. The caller owns signals and shutdown. */
export async function createWorker(
  config: AppConfig,
  opts: { logger?: Logger } = {},
): Promise<INestApplicationContext> {
  const app = await NestFactory.createApplicationContext(WorkerModule, {
    logger: new PinoNestLogger(opts.logger ?? processLogger(config)),
  });
  await app.init();
  return app;
}
