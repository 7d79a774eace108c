import cluster, { type Worker } from 'node:cluster';
import { Logger } from '@nestjs/common';
import { aggregateMetricsForCluster } from '@claimdesk/observability';

const log = new Logger('Server');

/** The primary's word to an api process to stop as it would on SIGTERM (a terminal's Ctrl-C also reaches it). */
export const STOP_MESSAGE = 'claimdesk:stop';
/** An api process that dies is started again after this, so a crash loop does not spin the CPU. */
const RESTART_DELAY_MS = 1000;
/** How long stopping waits for the api processes to finish their requests before killing them. */
const STOP_TIMEOUT_MS = 15_000;

/**
 * API_PROCESSES > 1: forks that many api processes of this same script (node's cluster module hands them the
 * listening socket in turn); each runs the api role alone. Returns the stop that `npm start`'s shutdown awaits.
 */
export function forkApiProcesses(count: number): () => Promise<void> {
  let stopping = false;
  aggregateMetricsForCluster();
  const fork = () => cluster.fork();
  cluster.on('exit', (worker: Worker, code, signal) => {
    if (stopping) return;
    log.error(`api process ${worker.process.pid} exited (${signal ?? `code ${code}`}): starting another`);
    setTimeout(() => !stopping && fork(), RESTART_DELAY_MS).unref();
  });
  for (let i = 0; i < count; i++) fork();

  return async () => {
    stopping = true;
    const running = Object.values(cluster.workers ?? {}).filter((w): w is Worker => !!w && !w.isDead());
    await Promise.all(
      running.map(
        (w) =>
          new Promise<void>((done) => {
            const kill = setTimeout(() => w.process.kill('SIGKILL'), STOP_TIMEOUT_MS);
            w.once('exit', () => {
              clearTimeout(kill);
              done();
            });
            if (w.isConnected()) w.send(STOP_MESSAGE);
            else w.process.kill('SIGTERM');
          }),
      ),
    );
  };
}
