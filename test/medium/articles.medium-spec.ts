import { ArticlesService, IngestResult } from '@claimdesk/articles';
import { ClaimsService } from '@claimdesk/claims';
import { Actor, InvalidError, UnauthenticatedError } from '@claimdesk/common';
import type { ExtractedClaim } from '@claimdesk/extraction';
import { hashToken } from '@claimdesk/users';
import { ServiceEnv } from '../support/service-env';

const sentence = (text: string, start: number, score: number): ExtractedClaim => ({
  sentence: text,
  span: { start, end: start + text.length },
  section: 'body',
  text,
  score,
  type: 'quantity',
  quantities: [],
  claimant: null,
});

describe('ArticlesService (medium)', () => {
  let env: ServiceEnv;
  let articles: ArticlesService;
  let editor: Actor;

  beforeAll(async () => {
    env = await ServiceEnv.start();
    articles = env.get(ArticlesService);
    editor = { id: (await env.user('editor')).id, role: 'editor' };
  });
  afterAll(() => env.close());

  it('ingests an article once: the same url or the same normalized body answers with the first copy', async () => {
    const body = 'Unemployment fell to 3.9 percent in May, the lowest in a decade.';
    const first = await articles.ingest({ body, url: 'https://example.org/jobs', title: ' Jobs ' }, editor);
    expect(first).toMatchObject({ created: true, article: { title: 'Jobs', status: 'received', language: 'en' } });
    expect(await env.jobIds('extract-article')).toContain(`extract-${first.article.id}`);

    const sameBody = await articles.ingest({ body: `  ${body}\n` }, editor);
    const sameUrl = await articles.ingest({ body: 'Another text entirely.', url: 'https://example.org/jobs' }, editor);
    for (const again of [sameBody, sameUrl]) expect(again).toEqual({ created: false, article: first.article });
    const racing = await Promise.all([1, 2, 3].map(() => articles.ingest({ body: `${body} Racing.` }, editor)));
    expect(new Set(racing.map((r) => r.article.id)).size).toBe(1);
    expect(racing.filter((r) => r.created)).toHaveLength(1);
    expect(await env.sql('SELECT id FROM articles')).toHaveLength(2);
  });

  it('concurrent uploads share one insert, which refuses a caller whose token changed, alone', async () => {
    const user = await env.user('editor');
    const current: Actor = { id: user.id, role: 'editor', tokenHash: hashToken(user.token) };
    const stale: Actor = { ...current, tokenHash: hashToken('an old token') };
    const bodies = [1, 2, 3, 4].map((i) => `Shipments rose ${i} percent in batch ${Date.now()}.`);
    const { result, count } = await env.countQueries(/^INSERT INTO "?articles/, () =>
      Promise.allSettled([
        ...bodies.map((body) => articles.ingest({ body }, current)),
        articles.ingest({ body: bodies[0] }, current), // the same body again, in the same batch
        articles.ingest({ body: `A stale caller's upload ${Date.now()}.` }, stale),
      ]),
    );
    const values = result.map((r) => (r.status === 'fulfilled' ? r.value.created : r.reason));
    expect(values.slice(0, 5)).toEqual([true, true, true, true, false]);
    expect(values[5]).toBeInstanceOf(UnauthenticatedError);
    expect(count).toBe(2); // the batch; then the repeat on its own (the stale caller is refused before inserting)
    expect(await env.jobIds('extract-article')).toEqual(
      expect.arrayContaining(
        result.slice(0, 4).map((r) => `extract-${(r as PromiseFulfilledResult<IngestResult>).value.article.id}`),
      ),
    );
  });

  it('reads title, source and date from a raw upload, and refuses an empty body', async () => {
    const raw = 'date 2021-07-05 UrduPoint.com\nChina Calls For Efforts\n\nBEIJING (Sputnik) - Output rose 12 percent.';
    const { article } = await articles.ingestRaw(raw, editor);
    expect(article).toMatchObject({ title: 'China Calls For Efforts', source: 'UrduPoint.com' });
    expect(article.publishedAt?.slice(0, 10)).toBe('2021-07-05');
    await expect(articles.ingest({ body: '   ' }, editor)).rejects.toThrow(InvalidError);
  });

  it('extraction stores the claims and the new status in one go, queues the strong ones, and runs once', async () => {
    const body = 'Prices rose 4 percent. The sky is blue today.';
    const { article } = await articles.ingest({ body, topic: ' Economy ' }, editor);
    // What the extractor found (the worker runs it in a thread; the NLP has its own unit specs).
    const extracted = [sentence('Prices rose 4 percent.', 0, 0.8), sentence('The sky is blue today.', 23, 0.3)];
    expect(await articles.beginExtraction(article.id)).toMatchObject({ stalls: 0, article: { id: article.id, body } });
    expect(await articles.storeExtraction(article.id, extracted)).toEqual({ claims: 2, queued: 1 });
    // A retried job: the article is no longer `received`, so nothing runs or is stored twice.
    expect(await articles.beginExtraction(article.id)).toBeNull();
    expect(await articles.storeExtraction(article.id, extracted)).toBeNull();
    expect(await articles.get(article.id)).toMatchObject({ status: 'extracted', claimCount: 2 });
    const stored = await env.get(ClaimsService).list({ articleId: article.id }, 10, undefined, editor);
    stored.items.sort((a, b) => a.span!.start - b.span!.start); // one insert: the same created_at
    expect(stored.items.map((c) => [c.text, c.status, c.topic])).toEqual([
      ['Prices rose 4 percent.', 'queued', 'economy'],
      ['The sky is blue today.', 'new', 'economy'],
    ]);
    // Nobody has room: no assignment job (a reviewer who gets room is sent a fill job instead).
    const queued = stored.items[0];
    expect(await env.jobIds('assign-claim')).not.toContain(`assign-${queued.id}-v${queued.version}`);
  });

  it('extractions stored together share one store; with a reviewer with room, their claims get jobs', async () => {
    await env.user('reviewer', { capacity: 5 });
    const a = (await articles.ingest({ body: 'Exports rose 7 percent last year.' }, editor)).article;
    const b = (await articles.ingest({ body: 'Imports fell 2 percent in March.' }, editor)).article;
    for (const x of [a, b]) expect(await articles.beginExtraction(x.id)).not.toBeNull();
    const { result, count } = await env.countQueries(/INSERT INTO claims \(/, () =>
      Promise.all([
        articles.storeExtraction(a.id, [sentence('Exports rose 7 percent last year.', 0, 0.9)]),
        articles.storeExtraction(b.id, [sentence('Imports fell 2 percent in March.', 0, 0.8)]),
        articles.storeExtraction(a.id, [sentence('Exports rose 7 percent last year.', 0, 0.9)]), // a repeat
      ]),
    );
    expect(result).toEqual([{ claims: 1, queued: 1 }, { claims: 1, queued: 1 }, null]);
    expect(count).toBe(1); // the claims of both articles in one statement (the webhooks outbox write is another)
    const claims = await env.sql<{ id: string; version: number }>(
      `SELECT id, version FROM claims WHERE article_id = ANY($1) AND status = 'queued'`,
      [[a.id, b.id]],
    );
    expect(claims).toHaveLength(2);
    expect(await env.jobIds('assign-claim')).toEqual(
      expect.arrayContaining(claims.map((c) => `assign-${c.id}-v${c.version}`)),
    );
  });

  it('a failed extraction is recorded on the article, which the sweeper then leaves alone', async () => {
    const { article } = await articles.ingest({ body: 'A body that the extractor chokes on.' }, editor);
    await articles.markFailed(article.id, 'boom');
    expect(await articles.get(article.id)).toMatchObject({ status: 'failed' });
    expect(await articles.findWaiting(new Date(Date.now() + 60_000), 100)).not.toContain(article.id);
    expect(await articles.beginExtraction(article.id)).toBeNull();
  });

  it('stores a title claim without a span, its stages and its packed vector, once per article (issue 14)', async () => {
    const body = 'Rents rose 9 percent in 2023.';
    const { article } = await articles.ingest({ body, title: 'Rents Up 9 Percent' }, editor);
    const vector = Uint8Array.from([1, 2, 3, 250]);
    const extracted: ExtractedClaim[] = [
      { ...sentence('Rents Up 9 Percent', 0, 0.7), span: null, section: 'title', scoredBy: ['fast', 'encoder'] },
      { ...sentence(body, 0, 0.6), embedding: vector, scoredBy: ['fast', 'encoder'] },
    ];
    expect(await articles.beginExtraction(article.id)).not.toBeNull();
    expect(await articles.storeExtraction(article.id, extracted)).toMatchObject({ claims: 2 });
    const stored = await env.get(ClaimsService).list({ articleId: article.id }, 10, undefined, editor);
    const title = stored.items.find((c) => c.section === 'title');
    expect(title).toMatchObject({ span: null, text: 'Rents Up 9 Percent', scoredBy: ['fast', 'encoder'] });
    expect(stored.items.find((c) => c.section === 'body')).toMatchObject({ span: { start: 0, end: body.length } });
    const rows = await env.sql<{ section: string; embedding: Buffer | null }>(
      'SELECT section, embedding FROM claims WHERE article_id = $1 ORDER BY section',
      [article.id],
    );
    expect(rows.map((r) => [r.section, r.embedding && [...r.embedding]])).toEqual([
      ['body', [1, 2, 3, 250]],
      ['title', null],
    ]);
    // A second title claim for the same article is refused by the schema, and a title claim with a span too.
    await expect(
      env.sql(
        `INSERT INTO claims (article_id, text, sentence, type, score, quantities, language, status, priority, section)
         VALUES ($1, 'x', 'x', 'other', 0, '[]', 'en', 'new', 0, 'title')`,
        [article.id],
      ),
    ).rejects.toThrow(/claims_one_title_per_article/);
    await expect(
      env.sql(
        `INSERT INTO claims (article_id, text, sentence, type, score, quantities, language, status, priority, section,
                             span_start, span_end)
         VALUES ($1, 'y', 'y', 'other', 0, '[]', 'en', 'new', 0, 'title', 0, 1)`,
        [article.id],
      ),
    ).rejects.toThrow(/claims_span_by_section/);
  });
});
