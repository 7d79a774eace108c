import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The image and compose use the readiness endpoints (README, Operations: Health). */
describe('Dockerfile and docker-compose.yml health checks', () => {
  const root = join(__dirname, '../../..');
  const dockerfile = readFileSync(join(root, 'Dockerfile'), 'utf8');
  const compose = readFileSync(join(root, 'docker-compose.yml'), 'utf8');

  /** The block of one compose service: from its name to the next service at the same indentation. */
  const service = (name: string) => new RegExp(`\\n  ${name}:\\n((?:    .*\\n|\\s*\\n)+)`).exec(compose)?.[1] ?? '';

  it('has a HEALTHCHECK on the readiness endpoint', () => {
    expect(dockerfile).toMatch(/^HEALTHCHECK /m);
    expect(dockerfile).toMatch(/^ENV HEALTHCHECK_URL=http:\/\/127\.0\.0\.1:3000\/health\/ready$/m);
  });

  it('starts the api and worker once their dependencies are healthy; the worker checks its own port', () => {
    for (const name of ['api', 'worker']) {
      expect(service(name)).toMatch(/postgres: \{ condition: service_healthy \}/);
      expect(service(name)).toMatch(/redis: \{ condition: service_healthy \}/);
    }
    expect(service('worker')).toMatch(/api: \{ condition: service_healthy \}/);
    expect(service('worker')).toMatch(/HEALTHCHECK_URL: http:\/\/127\.0\.0\.1:3001\/health\/ready/);
    expect(service('worker')).toMatch(/WORKER_HTTP_PORT: '3001'/);
  });
});
