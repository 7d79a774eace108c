import 'reflect-metadata';
import cluster from 'node:cluster';
import { Logger } from '@nestjs/common';
import { ConfigError, loadConfig } from '@claimdesk/config';
import { runMigrations } from '@claimdesk/database';
import { announce, flushLogger, PinoNestLogger, processLogger, serveMetricsToPrimary } from '@claimdesk/observability';
// The one place that composes the two apps into one process: it reaches into them by design.
// eslint-disable-next-line no-restricted-imports
import { createHttpApp } from '../../api/src/http-app';
// eslint-disable-next-line no-restricted-imports
import { createWorker } from '../../worker/src/create-worker';
import { forkApiProcesses, STOP_MESSAGE } from './api-cluster';

const log = new Logger('Server');

/**
 * `npm start`: applies pending migrations, then runs the roles named in ROLES (api and worker by
 * default) in this one process, and shuts them all down cleanly on SIGINT/SIGTERM (a second signal
 * exits at once). With API_PROCESSES > 1 the api runs in that many forked processes sharing the port, and this
 * one keeps the worker (api-cluster.ts). The api and worker entry points stay for running the roles apart.
 */
async function bootstrap(): Promise<void> {
  const config = loadConfig();
  const logger = processLogger(config);
  Logger.overrideLogger(new PinoNestLogger(logger));
  // A forked api process serves HTTP only; its primary migrated before forking it.
  const apiProcess = cluster.isWorker;
  const roles = apiProcess ? new Set(['api']) : new Set(config.ROLES.split(',').map((r) => r.trim())); // validated
  if (config.MIGRATE_ON_START && !apiProcess) {
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
  if (apiProcess) {
    serveMetricsToPrimary();
    // The primary's stop, or the primary gone (killed): finish the requests in flight and exit, never orphaned.
    process.on('message', (m) => m === STOP_MESSAGE && !stopping && void stop('stop from the primary'));
    process.on('disconnect', () => !stopping && void stop('primary gone'));
  }

  if (roles.has('worker')) {
    const worker = await createWorker(config);
    stops.push(() => worker.close());
    announce(logger, 'Server', `worker: processing queues with prefix ${config.QUEUE_PREFIX}`);
  }
  if (roles.has('api') && !apiProcess && config.API_PROCESSES > 1) {
    stops.push(forkApiProcesses(config.API_PROCESSES));
    announce(logger, 'Server', `api: ${config.API_PROCESSES} processes on port ${config.PORT}`);
  } else if (roles.has('api')) {
    const app = await createHttpApp(config);
    await app.listen(config.PORT, config.HOST);
    stops.push(() => app.close());
    const host = config.HOST === '0.0.0.0' ? 'localhost' : config.HOST;
    announce(logger, 'Server', `api: listening on http://${host}:${config.PORT} (docs at /docs)`);
  }
}

bootstrap().catch((err) => {
  console.error(err instanceof ConfigError ? err.message : err);
  process.exit(1);
});
