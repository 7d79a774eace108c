import { randomBytes } from 'node:crypto';
import { ClaimTermsRepository } from '../../libs/claims/src/claim-terms.repository';
import { MatchesRepository } from '../../libs/claims/src/matches.repository';
import { ServiceEnv } from '../support/service-env';

/** A made-up word, so that this file's counts are its own. */
const word = () => `zq${randomBytes(4).toString('hex').replace(/\d/g, 'x')}`;

/**
 * Matching's lexicon (claim_terms): the sweeper folds the claims after a keyset mark into per-word claim counts,
 * and matching reads those plus a count of the claims after the mark. Folding in small batches, again and again,
 * must give PostgreSQL's own count of the table (ts_stat), never counting a claim twice; the lexicon's frequencies
 * must equal counting every claim.
 */
describe('matching lexicon (medium)', () => {
  let env: ServiceEnv;
  let articleId: string;
  const words = Array.from({ length: 5 }, word);
  const terms = new ClaimTermsRepository();

  /** `n` claims, each holding words[0] and some of the others, stamped `age` ago. */
  async function addClaims(n: number, age: string, from: number): Promise<void> {
    await env.sql(
      `INSERT INTO claims (article_id, text, sentence, span_start, span_end, section, type, score, scored_by,
                           quantities, language, status, priority, created_at)
       SELECT $1, t, t, k, k + 1, 'body', 'other', 0.9, '{fast}', '[]', 'en', 'new', 0.5, now() - $3::interval
         FROM generate_series($4::int, $4::int + $5::int - 1) k,
              LATERAL (SELECT format('The %s figure %s %s rose', ($2::text[])[1], ($2::text[])[2 + k % 4],
                                     CASE WHEN k % 3 = 0 THEN ($2::text[])[5] ELSE 'steadily' END) AS t) x`,
      [articleId, words, age, from, n],
    );
  }

  /** PostgreSQL's count of the claims holding each word, over the settled claims (or all). */
  async function truth(settledOnly: boolean): Promise<Record<string, number>> {
    const where = settledOnly ? `WHERE created_at < now() - interval '30 seconds'` : '';
    const rows = await env.sql<{ word: string; ndoc: number }>(
      `SELECT word, ndoc FROM ts_stat($q$SELECT search_vector FROM claims ${where}$q$)`,
    );
    return Object.fromEntries(rows.map((r) => [r.word, r.ndoc]));
  }
  async function lexicon(): Promise<Record<string, number>> {
    const rows = await env.sql<{ term: string; claims: number }>(`SELECT term, claims FROM claim_terms`);
    return Object.fromEntries(rows.map((r) => [r.term, r.claims]));
  }

  beforeAll(async () => {
    env = await ServiceEnv.start();
    [{ id: articleId }] = await env.sql<{ id: string }>(
      `INSERT INTO articles (body, body_hash, language, status) VALUES ($1, md5($1), 'en', 'extracted') RETURNING id`,
      [`Lexicon ${words.join(' ')}`],
    );
  });
  afterAll(() => env.close());

  it('folds every settled claim once, in batches, and marks when it has caught up', async () => {
    await addClaims(23, '2 hours', 0);
    expect((await terms.mark(env.db.manager)).caughtUpAt).toBeNull();
    // Batches of 5: 23 claims take five statements, the last one short.
    expect(await terms.fold(env.db.manager, 60_000, 5)).toBe(23);
    expect(await lexicon()).toEqual(await truth(true));
    expect((await terms.mark(env.db.manager)).caughtUpAt).not.toBeNull();
    // Nothing new: nothing folded, nothing counted twice.
    expect(await terms.fold(env.db.manager, 60_000, 5)).toBe(0);
    expect((await lexicon())[words[0]]).toBe(23);
  });

  it('folds only what came after its mark, and leaves claims younger than the settling time', async () => {
    await addClaims(7, '1 hour', 100);
    await addClaims(4, '1 second', 200);
    expect(await terms.fold(env.db.manager, 60_000, 5)).toBe(7);
    expect(await lexicon()).toEqual(await truth(true));
    expect((await lexicon())[words[0]]).toBe(30);
  });

  it('gives the frequencies that counting every claim gives, with the unsettled claims counted at match time', async () => {
    const repo = new MatchesRepository();
    const mark = await terms.mark(env.db.manager);
    const absent = word();
    const stems = [...words, 'steadili', 'figur', absent];
    const counted = await repo.termStats(env.db.manager, stems);
    const folded = await repo.termStats(env.db.manager, stems, mark);
    expect(Object.fromEntries(folded.df)).toEqual(Object.fromEntries(counted.df));
    // The four claims of a second ago are in the answer, though not in the lexicon yet.
    expect(folded.df.get(words[0])).toBe(34);
    expect((await truth(false))[words[0]]).toBe(34);
    // A word no claim holds is in none (counting once read it as DF_CAP, "common").
    expect(counted.df.get(absent)).toBe(0);
  });
});
