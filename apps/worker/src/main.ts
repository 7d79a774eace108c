import 'reflect-metadata';
import { ConfigError, loadConfig } from '@claimdesk/config';
import { announce, processLogger } from '@claimdesk/observability';
import { createWorker } from './create-worker';

/** The worker alone (`npm run start:worker`); `npm start` runs it beside the api in one process. */
async function bootstrap(): Promise<void> {
  const config = loadConfig();
  const app = await createWorker(config);
  app.enableShutdownHooks();
  // a supervisor (and the fault tests) wait for this line
  announce(processLogger(config), 'Worker', `processing queues with prefix ${config.QUEUE_PREFIX}`);
}

bootstrap().catch((err) => {
  console.error(err instanceof ConfigError ? err.message : err);
  process.exit(1);
});
