import { Json, TestEnv } from './support/test-env';

interface Hit {
  kind: 'claim' | 'verdict' | 'article';
  id: string;
  claimId: string | null;
  rank: number;
  highlights: { field: string; fragments: string[] }[];
  claim: { id: string; text: string; status: string } | null;
  verdict: { rating: string } | null;
}

/**
 * GET /v1/search against real PostgreSQL: claims, verdicts and articles inserted directly (no NLP), so every
 * expected hit is known.
 */
describe('GET /v1/search', () => {
  let env: TestEnv;
  let editor: string;
  let reviewer: string;
  let reviewerId: string;
  const ids: Record<string, string> = {};

  const article = async (title: string, body: string) =>
    (
      await env.sql<{ id: string }>(
        `INSERT INTO articles (title, body, body_hash, status) VALUES ($1, $2, md5($2), 'extracted') RETURNING id`,
        [title, body],
      )
    )[0].id;

  let span = 0;
  const claim = async (
    articleId: string,
    text: string,
    o: { status?: string; type?: string; claimant?: string; createdAt?: string; assigneeId?: string } = {},
  ) =>
    (
      await env.sql<{ id: string }>(
        `INSERT INTO claims (article_id, text, sentence, span_start, span_end, claimant, type, score, status,
                             assignee_id, created_at)
         VALUES ($1, $2, $2, $3, $3 + 1, $4, $5, 0.8, $6, $7, coalesce($8::timestamptz, now())) RETURNING id`,
        [
          articleId,
          text,
          span++,
          o.claimant ?? null,
          o.type ?? 'quantity',
          o.status ?? 'new',
          o.assigneeId ?? null,
          o.createdAt ?? null,
        ],
      )
    )[0].id;

  const search = async (query: string, token = editor) => {
    const r = await env.request('GET', `/v1/search?${query}`, { token });
    expect({ status: r.status, body: r.body }).toMatchObject({ status: 200 });
    return r.body.items as Hit[];
  };

  beforeAll(async () => {
    env = await TestEnv.start({ env: { LOG_LEVEL: 'error' } });
    const ed = await env.user('editor');
    editor = ed.token;
    const approver = await env.user('editor');
    const rev = await env.user('reviewer');
    reviewer = rev.token;
    reviewerId = rev.id;

    const jobs = await article(
      'Jobless rate falls',
      'The statistics office said unemployment fell. Officials were pleased with the labour market.',
    );
    ids.jobs = jobs;
    ids.close = await claim(jobs, 'The unemployment rate fell to 7.1 percent in the third quarter.', {
      status: 'assigned',
      claimant: 'Anna Berg',
      assigneeId: rev.id,
      createdAt: '2025-11-04T10:00:00Z',
    });
    ids.far = await claim(
      jobs,
      'Unemployment among young people, officials said on Tuesday in a long statement about the economy, its ' +
        'outlook and its many problems, stayed high at a rate nobody had forecast.',
      { status: 'queued', type: 'other', claimant: 'Tom Stats', createdAt: '2025-11-05T10:00:00Z' },
    );
    ids.quantityQueued = await claim(jobs, 'Unemployment benefits cost 4 billion euros last year.', {
      status: 'queued',
      claimant: 'Anna Berg',
      createdAt: '2025-11-06T10:00:00Z',
    });
    ids.late = await claim(jobs, 'Unemployment will rise again next spring, the minister predicted.', {
      status: 'queued',
      type: 'prediction',
      claimant: 'Anna Berg',
      createdAt: '2025-12-01T10:00:00Z',
    });
    await env.sql(`INSERT INTO assignments (claim_id, reviewer_id, due_at) VALUES ($1, $2, now() + interval '1 day')`, [
      ids.close,
      rev.id,
    ]);
    ids.verdict = (
      await env.sql<{ id: string }>(
        `INSERT INTO verdicts (claim_id, version, rating, summary, sources, status, author_id, reviewer_id)
         VALUES ($1, 1, 'mostly_true', 'The statistics office confirms the unemployment figure.', $2, 'approved', $3, $4)
         RETURNING id`,
        [
          ids.close,
          JSON.stringify([{ url: 'https://stats.example.org/lfs', title: 'Labour force survey' }]),
          rev.id,
          approver.id,
        ],
      )
    )[0].id;

    const prices = await article('Prices', 'Inflation figures, in full.');
    ids.prices = prices;
    // Pagination: equal texts give equal ranks (ties broken by id), varied texts give varied ranks.
    for (let i = 0; i < 12; i++) await claim(prices, 'Inflation rose to a record high.');
    for (let i = 0; i < 9; i++)
      await claim(prices, `Inflation ${'and other things people said '.repeat(i + 1)}rose ${i} times.`);
  });
  afterAll(() => env.close());

  describe('ranking and highlights', () => {
    it('ranks the claim where the words stand together above the one where they are far apart', async () => {
      const hits = await search('q=unemployment%20rate&kind=claim');
      expect(hits.map((h) => h.id)).toEqual([ids.close, ids.far]);
      expect(hits[0].rank).toBeGreaterThan(hits[1].rank);
      expect(hits[0]).toMatchObject({
        kind: 'claim',
        claimId: ids.close,
        claim: { id: ids.close, status: 'assigned' },
      });
      expect(hits[0].highlights).toEqual([
        {
          field: 'text',
          fragments: ['The <mark>unemployment</mark> <mark>rate</mark> fell to 7.1 percent in the third quarter.'],
        },
      ]);
    });

    it('finds verdicts by summary and sources, and articles by title and body, each with its fragments', async () => {
      const verdicts = await search('q=labour%20survey');
      expect(verdicts.find((h) => h.kind === 'verdict')).toMatchObject({
        id: ids.verdict,
        claimId: ids.close,
        verdict: { rating: 'mostly_true' },
        claim: { id: ids.close },
        highlights: [
          { field: 'sources', fragments: [expect.stringContaining('<mark>Labour</mark> force <mark>survey</mark>')] },
        ],
      });
      const articles = (await search('q=jobless&kind=article')).map((h) => ({ ...h, rank: undefined }));
      expect(articles).toEqual([
        expect.objectContaining({
          kind: 'article',
          id: ids.jobs,
          claimId: null,
          claim: null,
          highlights: [{ field: 'title', fragments: ['<mark>Jobless</mark> rate falls'] }],
        }),
      ]);
      const body = await search('q=pleased&kind=article');
      expect(body[0].highlights).toEqual([
        { field: 'body', fragments: [expect.stringContaining('<mark>pleased</mark>')] },
      ]);
    });

    it('finds an article by its text once it is extracted, not while it waits (the upload skips the indexing)', async () => {
      const [{ id }] = await env.sql<{ id: string }>(
        `INSERT INTO articles (title, body, body_hash, status) VALUES ('Waiting', 'Zanzibar cloves doubled.', md5('z'), 'received')
         RETURNING id`,
      );
      const vector = async () =>
        (await env.sql<{ v: string | null }>(`SELECT search_vector::text AS v FROM articles WHERE id = $1`, [id]))[0].v;
      expect(await vector()).toBeNull();
      expect(await search('q=zanzibar&kind=article')).toEqual([]);
      await env.sql(`UPDATE articles SET status = 'extracted' WHERE id = $1`, [id]);
      expect(await vector()).toContain("'zanzibar'");
      expect((await search('q=zanzibar&kind=article')).map((h) => h.id)).toEqual([id]);
      await env.sql(`DELETE FROM articles WHERE id = $1`, [id]);
    });

    it('stems words and reads web-search syntax', async () => {
      // "rates" finds "rate"; a quoted phrase needs the words in order; -word excludes.
      expect((await search('q=rates&kind=claim')).map((h) => h.id).sort()).toEqual([ids.close, ids.far].sort());
      expect((await search('q=%22unemployment%20rate%22&kind=claim')).map((h) => h.id)).toEqual([ids.close]);
      expect((await search('q=unemployment%20-rate&kind=claim')).map((h) => h.id).sort()).toEqual(
        [ids.quantityQueued, ids.late].sort(),
      );
    });

    it('answers hostile queries with 200 and a query of only stop words with nothing', async () => {
      for (const q of ['"unterminated', 'a & | ! ( ) :* <-> \\', "' OR 1=1 --", '%_\\', '-', 'or or or']) {
        const r = await env.request('GET', `/v1/search?q=${encodeURIComponent(q)}`, { token: editor });
        expect({ q, status: r.status }).toEqual({ q, status: 200 });
      }
      expect(await search('q=the%20of%20and')).toEqual([]);
    });
  });

  describe('filters', () => {
    it('combines status, type, claimant and a date range', async () => {
      const q = 'q=unemployment&kind=claim';
      expect((await search(`${q}&status=queued`)).map((h) => h.id).sort()).toEqual(
        [ids.far, ids.quantityQueued, ids.late].sort(),
      );
      expect((await search(`${q}&status=queued&type=quantity`)).map((h) => h.id)).toEqual([ids.quantityQueued]);
      expect((await search(`${q}&claimant=berg&from=2025-11-05T00:00:00Z&to=2025-11-30`)).map((h) => h.id)).toEqual([
        ids.quantityQueued,
      ]);
      expect((await search(`${q}&assigneeId=${reviewerId}`)).map((h) => h.id)).toEqual([ids.close]);
      expect(await search(`${q}&articleId=${ids.prices}`)).toEqual([]);
    });

    it('filters on the verdict rating: the rated claim, its verdict, and its article', async () => {
      const hits = await search('q=unemployment&rating=mostly_true');
      expect(hits.map((h) => `${h.kind}:${h.id}`).sort()).toEqual(
        [`claim:${ids.close}`, `verdict:${ids.verdict}`, `article:${ids.jobs}`].sort(),
      );
      expect(await search('q=unemployment&rating=false')).toEqual([]);
    });
  });

  describe('pagination', () => {
    it('walks every hit once, best first, without gaps or repeats', async () => {
      const all = await search('q=inflation&limit=200');
      expect(all.length).toBe(22); // 21 claims and the article
      const seen: Hit[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const r: Json = await env.request('GET', `/v1/search?q=inflation&limit=4${cursor ? `&cursor=${cursor}` : ''}`, {
          token: editor,
        });
        expect(r.status).toBe(200);
        expect(r.body.items.length).toBeLessThanOrEqual(4);
        seen.push(...(r.body.items as Hit[]));
        cursor = r.body.nextCursor;
        pages++;
      } while (cursor && pages < 20);
      expect(seen.map((h) => h.id)).toEqual(all.map((h) => h.id));
      expect(new Set(seen.map((h) => h.id)).size).toBe(22);
      for (let i = 1; i < seen.length; i++) expect(seen[i].rank).toBeLessThanOrEqual(seen[i - 1].rank);
    });
  });

  describe('roles', () => {
    it('shows a reviewer only the claims they hold or held, their verdicts, and articles by title', async () => {
      const hits = await search('q=unemployment', reviewer);
      expect(hits.map((h) => `${h.kind}:${h.id}`).sort()).toEqual(
        [`claim:${ids.close}`, `verdict:${ids.verdict}`].sort(),
      );
      // The body mentions "pleased": an editor finds the article by it, a reviewer does not.
      expect(await search('q=pleased', reviewer)).toEqual([]);
      const titled = await search('q=jobless', reviewer);
      expect(titled).toEqual([expect.objectContaining({ kind: 'article', id: ids.jobs })]);
      expect(titled[0].highlights.map((h) => h.field)).toEqual(['title']);
    });
  });

  describe('bad input', () => {
    it.each([
      ['', 'q'],
      ['q=', 'q'],
      [`q=${'a'.repeat(201)}`, 'q'],
      ['q=a%00b', 'q'],
      ['q=-unemployment', 'q'],
      ['q=x&cursor=bm9wZQ', 'cursor'],
      ['q=x&from=yesterday', 'from'],
      ['q=x&kind=tweet', 'kind'],
      ['q=x&rating=great', 'rating'],
      ['q=x&limit=201', 'limit'],
    ])('?%s -> 400 naming %s', async (query, field) => {
      const r = await env.request('GET', `/v1/search?${query}`, { token: editor });
      expect(r.status).toBe(400);
      expect(r.body.details).toEqual(expect.arrayContaining([expect.objectContaining({ field })]));
    });

    it('refuses anonymous callers', async () => {
      expect((await env.request('GET', '/v1/search?q=x')).status).toBe(401);
    });
  });

  describe('q on GET /v1/claims', () => {
    it('uses the same full-text index: stemmed words, phrases, and the claim list order', async () => {
      const list = async (q: string) =>
        (await env.request('GET', `/v1/claims?q=${encodeURIComponent(q)}&limit=200`, { token: editor })).body.items.map(
          (c: { id: string }) => c.id,
        );
      expect((await list('rates')).sort()).toEqual([ids.close, ids.far].sort());
      expect(await list('"unemployment rate"')).toEqual([ids.close]);
      expect(await list('employ')).toEqual([]); // words, not substrings
    });
  });
});
