import cluster from 'node:cluster';
import { AggregatorRegistry, type MetricObjectWithValues, type MetricValue } from 'prom-client';
import { registry } from './metrics';

/**
 * /metrics when several api processes share a port (API_PROCESSES > 1): a scrape lands on any one of them, so the
 * one that takes it asks the primary, which gathers every process's registry (its own too: the worker role runs
 * there) and sums them with prom-client's aggregation. One answer a scrape, whichever process serves it.
 */
type Metrics = MetricObjectWithValues<MetricValue<string>>[];
type Message =
  | { type: 'claimdesk:metrics-ask'; id: number } // api process -> primary: the whole cluster's, please
  | { type: 'claimdesk:metrics-answer'; id: number; text: string } // primary -> the api process that asked
  | { type: 'claimdesk:metrics-gather'; id: number } // primary -> every api process: your own
  | { type: 'claimdesk:metrics-own'; id: number; metrics: Metrics }; // api process -> primary

/** A process that does not answer within this is left out of the scrape (it may be restarting). */
const GATHER_TIMEOUT_MS = 1000;

let nextId = 0;
const asked = new Map<number, (text: string) => void>();
const gathering = new Map<number, (metrics: Metrics) => void>();

const isMessage = (m: unknown): m is Message =>
  typeof m === 'object' && m !== null && String((m as { type?: unknown }).type).startsWith('claimdesk:metrics-');

/** The exposition text of this process, or of the whole cluster when this is one of its api processes. */
export function metricsText(): Promise<string> {
  if (!cluster.isWorker || !process.send) return registry.metrics();
  const id = nextId++;
  return new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      asked.delete(id);
      reject(new Error('the primary process did not answer for the metrics'));
    }, GATHER_TIMEOUT_MS * 2);
    asked.set(id, (text) => {
      clearTimeout(timer);
      asked.delete(id);
      resolve(text);
    });
    process.send!({ type: 'claimdesk:metrics-ask', id } satisfies Message);
  });
}

/** In an api process of the cluster: answer the primary's requests. Call once at start. */
export function serveMetricsToPrimary(): void {
  process.on('message', (m: unknown) => {
    if (!isMessage(m)) return;
    if (m.type === 'claimdesk:metrics-answer') asked.get(m.id)?.(m.text);
    if (m.type === 'claimdesk:metrics-gather')
      void registry
        .getMetricsAsJSON()
        .then((metrics) => process.send?.({ type: 'claimdesk:metrics-own', id: m.id, metrics } satisfies Message));
  });
}

/** In the primary: gather and aggregate when an api process asks. Call once, before forking. */
export function aggregateMetricsForCluster(): void {
  cluster.on('message', (worker, m: unknown) => {
    if (!isMessage(m)) return;
    if (m.type === 'claimdesk:metrics-own') gathering.get(m.id)?.(m.metrics);
    if (m.type === 'claimdesk:metrics-ask')
      void clusterText().then((text) => {
        if (worker.isConnected()) worker.send({ type: 'claimdesk:metrics-answer', id: m.id, text } satisfies Message);
      });
  });
}

async function clusterText(): Promise<string> {
  const id = nextId++;
  const workers = Object.values(cluster.workers ?? {}).filter((w) => w?.isConnected());
  const parts: Metrics[] = [await registry.getMetricsAsJSON()];
  await new Promise<void>((done) => {
    let pending = workers.length;
    const finish = () => {
      clearTimeout(timer);
      gathering.delete(id);
      done();
    };
    const timer = setTimeout(finish, GATHER_TIMEOUT_MS);
    if (pending === 0) return finish();
    gathering.set(id, (metrics) => {
      parts.push(metrics);
      if (--pending === 0) finish();
    });
    for (const w of workers) w!.send({ type: 'claimdesk:metrics-gather', id } satisfies Message);
  });
  return AggregatorRegistry.aggregate(parts).metrics();
}
