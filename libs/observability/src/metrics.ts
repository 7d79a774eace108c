import { BlockList, isIP } from 'node:net';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/**
 * The process's Prometheus registry (prom-client) and the metrics both roles record. Made once per process, so
 * the api and the worker share it under `npm start`, and apps created again (tests) reuse the same metrics.
 */
export const registry = new Registry();
collectDefaultMetrics({ register: registry });

export const httpRequestDuration = new Histogram({
  name: 'http_request_duration_seconds',
  help: 'HTTP request latency by method, route template and status',
  labelNames: ['method', 'route', 'status'] as const,
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
  registers: [registry],
});

export const httpRequestsTotal = new Counter({
  name: 'http_requests_total',
  help: 'HTTP requests by method, route template and status',
  labelNames: ['method', 'route', 'status'] as const,
  registers: [registry],
});

export const jobDuration = new Histogram({
  name: 'claimdesk_job_duration_seconds',
  help: 'BullMQ job run time by queue, job name and outcome (completed, delayed, retrying, failed)',
  labelNames: ['queue', 'job', 'outcome'] as const,
  buckets: [0.005, 0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60],
  registers: [registry],
});

export const jobFailures = new Counter({
  name: 'claimdesk_job_failures_total',
  help: 'BullMQ job attempts that threw, by queue and whether they will be retried (retrying) or not (failed)',
  labelNames: ['queue', 'job', 'outcome'] as const,
  registers: [registry],
});

/** Records one HTTP request; an unmatched URL is one label value, never the raw path. */
export function observeHttp(method: string, route: string | undefined, status: number, seconds: number): void {
  const labels = { method, route: route ?? 'unmatched', status: String(status) };
  httpRequestDuration.observe(labels, seconds);
  httpRequestsTotal.inc(labels);
}

export function observeJob(queue: string, job: string, outcome: string, seconds: number): void {
  jobDuration.observe({ queue, job, outcome }, seconds);
  if (outcome === 'retrying' || outcome === 'failed') jobFailures.inc({ queue, job, outcome });
}

/** How long one scrape-time source may take before its gauge is left empty. */
const SCRAPE_TIMEOUT_MS = 1000;

/** Gauges whose values are read at scrape time (queue depth, SQL counts): `collect` sets them. */
export function scrapeGauge<L extends string>(
  name: string,
  help: string,
  labelNames: readonly L[],
  collect: (g: Gauge<L>) => Promise<void>,
): Gauge<L> {
  // The api and the worker of one process (or apps made again by tests) register it again: the newest collects.
  if (registry.getSingleMetric(name)) registry.removeSingleMetric(name);
  return new Gauge<L>({
    name,
    help,
    labelNames,
    registers: [registry],
    // Every api process of a cluster reads the same shared state: its value once, not summed (cluster-metrics.ts).
    aggregator: 'first',
    // A source that is down (Redis stopped, PostgreSQL unreachable) leaves its gauge empty for this scrape instead
    // of failing the whole scrape; claimdesk_dependency_up says which one.
    async collect() {
      this.reset();
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([collect(this), new Promise((resolve) => (timer = setTimeout(resolve, SCRAPE_TIMEOUT_MS)))])
        .catch(() => this.reset())
        .finally(() => clearTimeout(timer));
    },
  });
}

/**
 * METRICS_ALLOW_CIDRS: addresses or CIDRs, comma-separated, IPv4 or IPv6. An IPv4 client seen as
 * `::ffff:a.b.c.d` matches its IPv4 rule.
 */
export function networkAllowList(setting: string): (ip: string) => boolean {
  const list = new BlockList();
  for (const raw of setting
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)) {
    const [addr, bits] = raw.split('/');
    const type = isIP(addr) === 6 ? 'ipv6' : 'ipv4';
    if (!isIP(addr)) throw new Error(`METRICS_ALLOW_CIDRS: ${raw} is not an address or CIDR`);
    if (bits === undefined) list.addAddress(addr, type);
    else list.addSubnet(addr, Number(bits), type);
  }
  return (ip: string) => {
    const v4 = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip)?.[1];
    if (v4) return list.check(v4, 'ipv4');
    const type = isIP(ip);
    return type === 4 ? list.check(ip, 'ipv4') : type === 6 ? list.check(ip, 'ipv6') : false;
  };
}
