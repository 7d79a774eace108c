import 'reflect-metadata';
import { ConfigError, loadConfig } from '@claimdesk/config';
import { createHttpApp } from './http-app';

/** The api alone (`npm run start:api`); `npm start` runs it beside the worker in one process. */
async function bootstrap(): Promise<void> {
  const config = loadConfig();
  const app = await createHttpApp(config);
  app.enableShutdownHooks();
  await app.listen(config.PORT, config.HOST);
}

bootstrap().catch((err) => {
  console.error(err instanceof ConfigError ? err.message : err);
  process.exit(1);
});
