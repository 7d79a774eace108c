import { createLogger } from '@claimdesk/observability';
import { eventually, type Json, TestEnv } from './support/test-env';

/** Captures what the process would write: one JSON object per line. */
function capture() {
  const raw: string[] = [];
  const logger = createLogger({ level: 'info', destination: { write: (s: string) => void raw.push(s) } });
  const lines = (): Json[] =>
    raw
      .join('')
      .split('\n')
      .filter(Boolean)
      .map((l): Json => JSON.parse(l));
  return { logger, raw, lines };
}

describe('structured logs', () => {
  const out = capture();
  let env: TestEnv;
  beforeAll(async () => {
    env = await TestEnv.start({ logger: out.logger });
  });
  afterAll(() => env.close());

  it('writes one JSON line per request with its request id, actor, route, status and latency', async () => {
    const admin = await env.user('admin');
    const body = 'Unemployment fell to 3.1 percent in 2024, a confidential-body-marker said on Tuesday.';
    const res = await env.request('POST', '/v1/articles', { token: admin.token, body: { body, title: 'T' } });
    expect(res.status).toBe(201);
    const reqId = res.headers['x-request-id'];
    const line = out.lines().find((l) => l.reqId === reqId && l.msg === 'request completed');
    expect(line).toMatchObject({
      level: 'info',
      reqId,
      actorId: admin.id,
      method: 'POST',
      route: '/v1/articles',
      status: 201,
    });
    expect(typeof line.latencyMs).toBe('number');
    expect(typeof line.time).toBe('string');
    // Neither the token nor the article body appears anywhere in the output.
    const all = out.raw.join('');
    expect(all).not.toContain(admin.token);
    expect(all).not.toContain('confidential-body-marker');
  });

  it('puts the request id in the error body and on every line the request wrote, service lines included', async () => {
    const res = await env.request('GET', '/v1/me', { token: 'cdk_not-a-real-token' });
    expect(res.status).toBe(401);
    expect(res.body.requestId).toBe(res.headers['x-request-id']);
    const mine = out.lines().filter((l) => l.reqId === res.body.requestId);
    // The auth hook's warning (a Nest Logger line) and the request line, both with the id.
    expect(mine.map((l) => l.msg)).toEqual(
      expect.arrayContaining([expect.stringContaining('authentication failed'), 'request completed']),
    );
    expect(mine.find((l) => l.msg === 'request completed')).toMatchObject({ status: 401, route: '/v1/me' });
    expect(out.raw.join('')).not.toContain('cdk_not-a-real-token');
  });

  it('never writes a password, an invite token or a session cookie of a real sign-in', async () => {
    const admin = await env.user('admin');
    const editor = await env.user('editor');
    const password = 'log-marker correct horse battery';
    const inv = await env.request('POST', `/v1/users/${editor.id}/invite`, { token: admin.token });
    const accepted = await env.request('POST', '/v1/auth/accept-invite', { body: { token: inv.body.token, password } });
    expect(accepted.status).toBe(200);
    const login = await env.request('POST', '/v1/auth/login', { body: { email: editor.email, password } });
    expect(login.status).toBe(200);
    const session = [login.headers['set-cookie'] ?? []]
      .flat()
      .map((c) => (c as string).split(';')[0])
      .find((c) => c.startsWith('cd_session='))!;
    expect(session.length).toBeGreaterThan('cd_session='.length + 16);
    const me = await env.request('GET', '/v1/me', { headers: { cookie: session } });
    expect(me.status).toBe(200);
    const all = out.raw.join('');
    expect(all).toContain(me.headers['x-request-id'] as string); // the requests were logged
    for (const secret of [password, inv.body.token as string, session.split('=')[1]]) expect(all).not.toContain(secret);
  });

  it('redacts credentials and bodies wherever they sit in a logged object', () => {
    const o = capture();
    o.logger.info(
      {
        headers: { authorization: 'Bearer s3cr3t-a', cookie: 'sid=s3cr3t-b' },
        password: 's3cr3t-c',
        user: { token: 's3cr3t-d' },
        webhook: { secret: 's3cr3t-e' },
        article: { body: 's3cr3t-f', title: 'kept' },
        req: { headers: { authorization: 's3cr3t-g' } },
      },
      'x',
    );
    const text = o.raw.join('');
    expect(text).not.toMatch(/s3cr3t/);
    const [line] = o.lines();
    expect(line.headers.authorization).toBe('[redacted]');
    expect(line.article).toEqual({ body: '[redacted]', title: 'kept' });
  });

  it('writes worker lines with queue, job id, attempt and outcome', async () => {
    const admin = await env.user('admin');
    await env.startWorker();
    const res = await env.request('POST', '/v1/articles', {
      token: admin.token,
      body: { body: 'Prices rose 4 percent last year, the minister said.' },
    });
    const jobId = `extract-${res.body.id}`;
    const line = await eventually(async () => out.lines().find((l) => l.jobId === jobId && l.outcome));
    expect(line).toMatchObject({
      context: 'Job',
      queue: 'extraction',
      jobId,
      attempt: 1,
      job: 'extract-article',
      outcome: 'completed',
    });
    expect(line.durationMs).toBeGreaterThan(0);
  });
});
