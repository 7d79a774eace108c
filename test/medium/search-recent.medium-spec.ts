import { randomBytes } from 'node:crypto';
import { SearchRepository } from '@claimdesk/search';
import { ServiceEnv } from '../support/service-env';

/** A made-up word, so that this file's claims match only each other. */
const word = () => `zq${randomBytes(4).toString('hex').replace(/\d/g, 'x')}`;

/** The hit ids of the first page for `q` of one kind, with that kind's recent rows and window as given. */
async function hitIds(
  env: ServiceEnv,
  kind: 'claim' | 'article',
  q: string,
  recent: number,
  window: number,
): Promise<string[]> {
  const repo = new SearchRepository(env.db);
  if (kind === 'claim') [repo.recentClaims, repo.claimWindow] = [recent, window];
  else [repo.recentArticles, repo.articleWindow] = [recent, window];
  const rows = await repo.page({ q, kind }, null, 50);
  return rows.map((r) => r.id).sort();
}

/**
 * Search looks for the claims' rank window among the newest claims first and reads older ones only when those
 * fall short (SearchRepository.claimHits). Its answer must be the one pass's: the newest matches, whichever
 * way they were found. The sizes are shrunk to a handful of claims (the real ones are 100,000 and 1,000).
 */
describe('search over recent claims first (medium)', () => {
  let env: ServiceEnv;
  const shared = word();
  const rare = word();
  /** Claim ids, oldest first; created in the future so that they are the database's newest claims. */
  let ids: string[];

  beforeAll(async () => {
    env = await ServiceEnv.start();
    const [article] = await env.sql<{ id: string }>(
      `INSERT INTO articles (body, body_hash, language, status) VALUES ($1, md5($1), 'en', 'extracted') RETURNING id`,
      [`Search window ${shared}`],
    );
    // Ten claims twelve hours apart (the index keeps days, so two share each day): every one has `shared`; the
    // three oldest also `rare`.
    const rows = await env.sql<{ id: string }>(
      `INSERT INTO claims (article_id, text, sentence, span_start, span_end, section, type, score, scored_by,
                           quantities, language, status, priority, created_at)
       SELECT $1, t, t, k * 100, k * 100 + 50, 'body', 'other', 0.9, '{fast}', '[]', 'en', 'new', 0.5,
              date_trunc('day', now()) + interval '30 days' + k * interval '12 hours'
         FROM generate_series(0, 9) k,
              LATERAL (SELECT format('Claim %s about %s %s', k, $2::text, CASE WHEN k < 3 THEN $3::text ELSE '' END) AS t) x
        ORDER BY k
       RETURNING id`,
      [article.id, shared, rare],
    );
    ids = rows.map((r) => r.id);
  });
  afterAll(() => env.close());

  const hits = (q: string, recent: number, window: number) => hitIds(env, 'claim', q, recent, window);
  const newest = (n: number, of = ids) => of.slice(-n).sort();

  it('finds the newest matches among the recent claims when they hold a full window', async () => {
    expect(await hits(shared, 4, 3)).toEqual(newest(3));
    expect(await hits(shared, 4, 3)).toEqual(await hits(shared, 1e9, 3));
  });

  it('reads the older claims for the rest of the window when the recent ones fall short', async () => {
    expect(await hits(shared, 4, 6)).toEqual(newest(6));
    expect(await hits(shared, 4, 6)).toEqual(await hits(shared, 1e9, 6));
    // The bound at noon: the claim of that morning is older, found once (by the second read, not by the day).
    expect(await hits(shared, 3, 5)).toEqual(newest(5));
  });

  it('finds matches that are all older than the recent claims', async () => {
    expect(await hits(rare, 4, 2)).toEqual(newest(2, ids.slice(0, 3)));
    expect(await hits(rare, 4, 10)).toEqual(newest(3, ids.slice(0, 3)));
  });
});

/** The same for the articles' window (SearchRepository.articleHits), whose older matches are read by the text index. */
describe('search over recent articles first (medium)', () => {
  let env: ServiceEnv;
  const shared = word();
  const rare = word();
  let ids: string[];

  beforeAll(async () => {
    env = await ServiceEnv.start();
    const rows = await env.sql<{ id: string }>(
      `INSERT INTO articles (body, body_hash, language, status, search_vector, created_at)
       SELECT t, md5(t), 'en', 'extracted', to_tsvector('english', t),
              date_trunc('day', now()) + interval '30 days' + k * interval '12 hours'
         FROM generate_series(0, 9) k,
              LATERAL (SELECT format('Article %s about %s %s', k, $1::text, CASE WHEN k < 3 THEN $2::text ELSE '' END) AS t) x
        ORDER BY k
       RETURNING id`,
      [shared, rare],
    );
    ids = rows.map((r) => r.id);
  });
  afterAll(() => env.close());

  const hits = (q: string, recent: number, window: number) => hitIds(env, 'article', q, recent, window);
  const newest = (n: number, of = ids) => of.slice(-n).sort();

  it('finds the newest matches among the recent articles, or reads the older ones for the rest', async () => {
    expect(await hits(shared, 4, 3)).toEqual(newest(3));
    expect(await hits(shared, 4, 6)).toEqual(newest(6));
    expect(await hits(shared, 4, 6)).toEqual(await hits(shared, 1e9, 6));
    expect(await hits(shared, 3, 5)).toEqual(newest(5));
  });

  it('finds matches that are all older than the recent articles', async () => {
    expect(await hits(rare, 4, 2)).toEqual(newest(2, ids.slice(0, 3)));
    expect(await hits(rare, 4, 10)).toEqual(newest(3, ids.slice(0, 3)));
  });
});
