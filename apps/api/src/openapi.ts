import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { ApiModule } from './api.module';

/** The OpenAPI document of the api, as served at /docs/json and exported to docs/openapi.json. */
export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  return SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('claimdesk')
      .setDescription('Claim tracking and fact-check workflow API (see API.md)')
      .setVersion('1')
      .addBearerAuth()
      .addCookieAuth('cd_session', { type: 'apiKey', in: 'cookie', name: 'cd_session' }, 'session')
      .build(),
  );
}

/**
 * The document without a running app: Nest's preview mode resolves the modules but instantiates no provider,
 * so neither PostgreSQL nor Redis is contacted (the export script and the staleness test use this).
 */
export async function openApiDocumentOffline(): Promise<OpenAPIObject> {
  const app = await NestFactory.create(ApiModule, new FastifyAdapter(), { preview: true, logger: false });
  try {
    return buildOpenApiDocument(app);
  } finally {
    await app.close();
  }
}

/** The file's text: stable key order as Swagger emits it, two-space indent, final newline (Prettier-compatible). */
export function openApiJson(doc: OpenAPIObject): string {
  return JSON.stringify(doc, null, 2) + '\n';
}
