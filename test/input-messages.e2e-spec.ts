import { TestEnv } from './support/test-env';

describe('clear messages for unsupported content types and empty bodies', () => {
  let env: TestEnv;
  let editor: string;

  beforeAll(async () => {
    env = await TestEnv.start();
    editor = (await env.user('editor')).token;
  });
  afterAll(() => env.close());

  it('a 415 names the content types the API accepts', async () => {
    const res = await env.request('POST', '/v1/articles', {
      token: editor,
      body: '<a/>',
      headers: { 'content-type': 'application/xml' },
    });
    expect(res.status).toBe(415);
    expect(res.body.message).toContain('application/json');
    expect(res.body.message).toContain('text/plain');
  });

  it('an empty object gives one message about the missing body', async () => {
    const res = await env.request('POST', '/v1/articles', { token: editor, body: {} });
    expect(res.status).toBe(400);
    expect(res.body.details).toEqual([{ field: 'body', message: expect.stringContaining('required') }]);
  });
});
