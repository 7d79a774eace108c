import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AppConfig } from '@claimdesk/config';
import { WorkerModule } from './worker.module';

/** The worker: BullMQ processors and the sweeper, no HTTP. The caller owns signals and shutdown. */
export async function createWorker(config: AppConfig): Promise<INestApplicationContext> {
  const app = await NestFactory.createApplicationContext(WorkerModule, {
    logger: config.LOG_LEVEL === 'silent' ? false : ['error', 'warn', 'log'],
  });
  await app.init();
  return app;
}
