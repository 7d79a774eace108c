import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { AppConfig } from '@claimdesk/config';
import { HealthProbes, networkAllowList, registry } from '@claimdesk/observability';
import { UsersService } from '@claimdesk/users';

const BEARER = /^Bearer\s+([A-Za-z0-9_\-.~+/]{1,200}=*)\s*$/;

/**
 * The worker's small HTTP port (WORKER_HTTP_PORT; 0: none): GET /health/live, GET /health/ready (503 when
 * PostgreSQL or Redis is down or a queue lags past READINESS_MAX_QUEUE_LAG_SECONDS) and GET /metrics (from
 * METRICS_ALLOW_CIDRS, or with an admin token, as on the api). Nothing else.
 */
@Injectable()
export class WorkerHttpServer implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly log = new Logger('WorkerHttp');
  private server: Server | undefined;
  private readonly allowed: (ip: string) => boolean;

  constructor(
    private readonly config: AppConfig,
    private readonly probes: HealthProbes,
    private readonly users: UsersService,
  ) {
    this.allowed = networkAllowList(config.METRICS_ALLOW_CIDRS);
  }

  /** The port it listens on, once started. */
  get port(): number | undefined {
    return (this.server?.address() as AddressInfo | null)?.port;
  }

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.WORKER_HTTP_PORT) return;
    const server = createServer((req, res) => void this.handle(req, res));
    server.requestTimeout = 10_000;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.config.WORKER_HTTP_PORT, this.config.WORKER_HTTP_HOST, () => resolve());
    });
    this.server = server;
    this.log.log(`health and metrics on port ${this.port}`);
  }

  async onApplicationShutdown(): Promise<void> {
    const server = this.server;
    if (!server) return;
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    try {
      const path = (req.url ?? '/').split('?')[0];
      if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, { error: 'method not allowed' });
      if (path === '/health/live') return send(res, 200, { status: 'ok' });
      if (path === '/health/ready') {
        const r = await this.probes.readiness();
        return send(res, r.status === 'ok' ? 200 : 503, r);
      }
      if (path === '/metrics') {
        const denied = await this.metricsDenied(req);
        if (denied) return send(res, denied, { error: denied === 401 ? 'admin token required' : 'admins only' });
        res.writeHead(200, { 'content-type': registry.contentType, 'cache-control': 'no-store' });
        res.end(await registry.metrics());
        return;
      }
      send(res, 404, { error: 'not found' });
    } catch (err) {
      this.log.error(`worker http: ${(err as Error).message}`);
      if (!res.headersSent) send(res, 500, { error: 'internal error' });
    }
  }

  private async metricsDenied(req: IncomingMessage): Promise<0 | 401 | 403> {
    if (this.allowed(req.socket.remoteAddress ?? '')) return 0;
    const match = BEARER.exec(req.headers.authorization ?? '');
    const user = match ? await this.users.authenticate(match[1]) : null;
    if (!user) return 401;
    return user.role === 'admin' ? 0 : 403;
  }
}

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
}
