import { eventually, Json, TestEnv } from './support/test-env';

const FRENCH = [
  "L'institut national de la statistique a annoncé mardi que le chômage était tombé à 7,1 % au troisième trimestre, son plus bas niveau depuis dix ans.",
  'Selon le ministère du travail, les entreprises ont créé 120 000 emplois depuis le début de l’année.',
  "Le ministre des finances a affirmé devant l'Assemblée que 2,3 millions de ménages paieront moins d'impôts l'an prochain.",
].join(' ');

describe('an article in French (a language the check-worthiness model does not read)', () => {
  let env: TestEnv;
  let editor: string;
  let french: { id: string; token: string };

  beforeAll(async () => {
    env = await TestEnv.start({ worker: true });
    editor = (await env.user('editor')).token;
    french = await env.user('reviewer', { languages: ['fr'], capacity: 10 });
  });
  afterAll(() => env.close());

  it('is stored and marked unsupported-language; its sentences become unscored claims in fr with French numbers', async () => {
    const posted = await env.request('POST', '/v1/articles', {
      token: editor,
      body: { title: 'Le chômage recule', body: FRENCH },
    });
    expect(posted.status).toBe(201);
    expect(posted.body).toMatchObject({ language: 'fr', extraction: 'unsupported-language' });
    const id = posted.body.id as string;
    await eventually(
      async () => (await env.request('GET', `/v1/articles/${id}`, { token: editor })).body.status === 'extracted',
      60_000,
    );
    const claims = (await env.request('GET', `/v1/claims?articleId=${id}&limit=50`, { token: editor })).body
      .items as Json[];
    const body = claims.filter((c) => c.section === 'body');
    expect(body).toHaveLength(3);
    expect(claims.every((c) => c.language === 'fr' && c.scoredBy.length === 0 && c.score === 0)).toBe(true);
    const quantities = body
      .sort((a, b) => a.span.start - b.span.start)
      .map((c) => c.quantities.map((q: Json) => ({ text: q.text, value: q.value, unit: q.unit })));
    expect(quantities).toEqual([
      [{ text: '7,1 %', value: 7.1, unit: '%' }],
      // One number, not 120 and 000.
      [{ text: '120 000', value: 120000, unit: undefined }],
      [{ text: '2,3 millions', value: 2300000, unit: undefined }],
    ]);
    expect(body.every((c) => c.type === 'quantity')).toBe(true);
  });

  it('offers its claims to reviewers of that language, unscored', async () => {
    const next = await eventually(async () => {
      const r = await env.request('POST', '/v1/claims/next', { token: french.token });
      return r.status === 200 ? r.body : null;
    }, 60_000);
    expect(next).toMatchObject({ language: 'fr', scoredBy: [], status: 'assigned', assigneeId: french.id });
  });

  it('an English article is still scored and marked full', async () => {
    const posted = await env.request('POST', '/v1/articles', {
      token: editor,
      body: {
        body: 'The statistics office said unemployment fell to 7.1% in the third quarter, the lowest since 2008.',
      },
    });
    expect(posted.body).toMatchObject({ language: 'en', extraction: 'full' });
  });
});
