import { TestEnv } from './support/test-env';

describe('GET /health', () => {
  it('answers 503 naming Redis when Redis is unreachable, and the API still serves from Postgres', async () => {
    // Nothing listens on port 1: the api starts anyway and reports the dependency down.
    const env = await TestEnv.start({ env: { REDIS_URL: 'redis://127.0.0.1:1' } });
    try {
      const health = await env.request('GET', '/health');
      expect(health.status).toBe(503);
      expect(health.body).toEqual({ status: 'degraded', postgres: 'up', redis: 'down' });
      const admin = await env.user('admin');
      expect((await env.request('GET', '/v1/me', { token: admin.token })).status).toBe(200);
      // Ingestion keeps the article (Postgres is the truth); its job is re-driven by the sweeper later.
      const started = Date.now();
      const res = await env.request('POST', '/v1/articles', {
        token: admin.token,
        body: { body: 'Prices rose 4 percent last year.' },
      });
      expect(res.status).toBe(201);
      expect(res.body.status).toBe('received');
      expect(Date.now() - started).toBeLessThan(5000);
    } finally {
      await env.close();
    }
  });
});
