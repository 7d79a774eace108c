import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { ConfigError, loadConfig } from '@claimdesk/config';
import { runMigrations } from '@claimdesk/database';
import { flushLogger, PinoNestLogger, processLogger } from '@claimdesk/observability';
// The one place that composes the two apps into one process: it reaches into them by design.
// eslint-disable-next-line no-restricted-imports
import { createHttpApp } from '../../api/src/http-app';
// eslint-disable-next-line no-restricted-imports
import { createWorker } from '../../worker/src/create-worker';

const log = new Logger('Server');

/**
 * `npm start`: applies pending migrations, then runs the roles named in ROLES (api and worker by
 * default) in this one process, and shuts them all down cleanly on SIGINT/SIGTERM (a second signal
 * exits at once). The api and worker entry points stay for running the roles as separate processes.
 */
async function bootstrap(): Promise<void> {
  const config = loadConfig();
  const logger = processLogger(config);
  Logger.overrideLogger(new PinoNestLogger(logger));
  const roles = new Set(config.ROLES.split(',').map((r) => r.trim())); // validated by loadConfig
  if (config.MIGRATE_ON_START) {
    const ran = await runMigrations(config.DATABASE_URL);
    log.log(ran.length ? `applied ${ran.length} migration(s): ${ran.join(', ')}` : 'schema is up to date');
  }
  const stops: Array<() => Promise<void>> = [];
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) {
      log.warn(`${signal} again: exiting now`);
      process.exit(1);
    }
    stopping = true;
    log.log(`${signal}: stopping ${[...roles].join(' and ')}`);
    // Stop taking requests first, then let the worker finish its jobs in flight.
    for (const s of stops.reverse()) await s().catch((err) => log.error(String(err)));
    flushLogger(logger);
    process.exit(0);
  };
  process.on('SIGINT', (s) => void stop(s));
  process.on('SIGTERM', (s) => void stop(s));

  if (roles.has('worker')) {
    const worker = await createWorker(config);
    stops.push(() => worker.close());
    log.log(`worker: processing queues with prefix ${config.QUEUE_PREFIX}`);
    flushLogger(logger);
  }
  if (roles.has('api')) {
    const app = await createHttpApp(config);
    await app.listen(config.PORT, config.HOST);
    stops.push(() => app.close());
    log.log(
      `api: listening on http://${config.HOST === '0.0.0.0' ? 'localhost' : config.HOST}:${config.PORT} (docs at /docs)`,
    );
    flushLogger(logger);
  }
}

bootstrap().catch((err) => {
  console.error(err instanceof ConfigError ? err.message : err);
  process.exit(1);
});
