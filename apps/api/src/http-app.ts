import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import helmet from '@fastify/helmet';
import { randomUUID } from 'node:crypto';
import { AppConfig, loadConfig } from '@claimdesk/config';
import { ApiModule } from './api.module';
import { errorBody } from './http/error-body';
import { validationPipe } from './http/validation';

/**
 * Builds the HTTP application exactly as production runs it; the e2e tests use this too.
 * Fastify errors raised before a route runs (body too large, bad JSON, unsupported type) get
 * the same error shape as everything else.
 */
export async function createHttpApp(config: AppConfig = loadConfig()): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({
    bodyLimit: config.BODY_LIMIT_BYTES,
    logger: config.LOG_LEVEL === 'silent' ? false : { level: config.LOG_LEVEL },
    requestIdHeader: 'x-request-id',
    genReqId: () => randomUUID(),
    trustProxy: false,
  });
  const app = await NestFactory.create<NestFastifyApplication>(ApiModule, adapter, {
    logger: config.LOG_LEVEL === 'silent' ? false : ['error', 'warn', 'log'],
  });
  const fastify = app.getHttpAdapter().getInstance();

  fastify.addHook('onSend', async (req, reply) => {
    void reply.header('x-request-id', req.id);
  });
  fastify.setErrorHandler((err: Error & { statusCode?: number }, req, reply) => {
    const status = err.statusCode && err.statusCode >= 400 && err.statusCode < 500 ? err.statusCode : 500;
    const message = status === 500 ? 'internal error' : err.message;
    if (status === 500) req.log.error(err);
    void reply.status(status).send(errorBody(status, message, [], req.id));
  });

  await app.register(helmet as never, { global: true });
  if (config.CORS_ORIGINS) app.enableCors({ origin: config.CORS_ORIGINS.split(',').map((o) => o.trim()) });
  app.useGlobalPipes(validationPipe());
  app.enableShutdownHooks();

  const doc = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('claimdesk')
      .setDescription('Claim tracking and fact-check workflow API (see API.md)')
      .setVersion('1')
      .addBearerAuth()
      .build(),
  );
  SwaggerModule.setup('docs', app, doc, { jsonDocumentUrl: 'docs/json' });
  return app;
}
