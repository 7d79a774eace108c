import { QUEUES } from '@claimdesk/queue';
import { TestEnv } from './support/test-env';

/** bull-board at /admin/queues: the API's own authentication, admins only. */
describe('/admin/queues (bull-board)', () => {
  let env: TestEnv;
  let admin: string;
  let editor: string;

  beforeAll(async () => {
    env = await TestEnv.start();
    admin = (await env.user('admin')).token;
    editor = (await env.user('editor')).token;
  });
  afterAll(() => env.close());

  it('serves the board to an admin, 403 to an editor, 401 to nobody', async () => {
    const page = await env.request<string>('GET', '/admin/queues', { token: admin });
    expect(page.status).toBe(200);
    expect(String(page.headers['content-type'])).toContain('text/html');
    expect(page.body).toContain('<html');
    expect((await env.request('GET', '/admin/queues', { token: editor })).status).toBe(403);
    expect((await env.request('GET', '/admin/queues')).status).toBe(401);
    expect((await env.request('GET', '/admin/queues/api/queues')).status).toBe(401);
    expect((await env.request('GET', '/admin/queues/api/queues', { token: editor })).status).toBe(403);
  });

  it("lists every queue in the admin's JSON API", async () => {
    const res = await env.request<{ queues: { name: string }[] }>('GET', '/admin/queues/api/queues', {
      token: admin,
    });
    expect(res.status).toBe(200);
    expect(res.body.queues.map((q) => q.name).sort()).toEqual(Object.values(QUEUES).sort());
  });
});
