import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { ConfigError, loadConfig } from '@claimdesk/config';
import { flushLogger, processLogger } from '@claimdesk/observability';
import { createWorker } from './create-worker';

/** The worker alone (`npm run start:worker`); `npm start` runs it beside the api in one process. */
async function bootstrap(): Promise<void> {
  const config = loadConfig();
  const app = await createWorker(config);
  app.enableShutdownHooks();
  new Logger('Worker').log(`processing queues with prefix ${config.QUEUE_PREFIX}`);
  flushLogger(processLogger(config)); // a supervisor (and the fault tests) wait for this line
}

bootstrap().catch((err) => {
  console.error(err instanceof ConfigError ? err.message : err);
  process.exit(1);
});
