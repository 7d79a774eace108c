import { randomBytes } from 'node:crypto';
import { ClaimsService } from '@claimdesk/claims';
import { packVector } from '@claimdesk/encoder';
import { quantitiesOf } from '@claimdesk/matching';
import type { ExtractedClaim } from '@claimdesk/extraction';
import { ServiceEnv } from '../support/service-env';

/** A made-up word, so that this file's claims match only each other. */
const word = () => `zq${randomBytes(4).toString('hex').replace(/\d/g, 'x')}`;

function extracted(texts: string[], vectors: (number[] | null)[] = []): ExtractedClaim[] {
  let at = 0;
  return texts.map((text, i) => {
    const span = { start: at, end: at + text.length };
    at += text.length + 1;
    return {
      sentence: text,
      span,
      section: 'body' as const,
      text,
      score: 0.9,
      type: 'quantity' as const,
      quantities: quantitiesOf(text),
      claimant: null,
      embedding: vectors[i] ? packVector(vectors[i]) : null,
    };
  });
}

/** An extracted article to store claims for, as insertExtractedMany takes it. */
async function insertArticle(env: ServiceEnv, body: string) {
  const [row] = await env.sql<{ id: string }>(
    `INSERT INTO articles (body, body_hash, language, status) VALUES ($1, md5($1), 'en', 'extracted') RETURNING id`,
    [body],
  );
  return { id: row.id, language: 'en', topic: null, publishedAt: null };
}

describe('ClaimsService.matchNew (medium, pipeline matching in batches)', () => {
  let env: ServiceEnv;
  let claims: ClaimsService;

  beforeAll(async () => {
    env = await ServiceEnv.start();
    claims = env.get(ClaimsService);
  });
  afterAll(() => env.close());

  it('matches the articles of one store batch in order: a repeat in the later article, never both ways', async () => {
    const [a, b, c] = [word(), word(), word()];
    const original = `The ${a} agency issued 3,500 ${b} orders to ${c} firms last year.`;
    const first = await insertArticle(env, `first ${a}`);
    const second = await insertArticle(env, `second ${a}`);
    const [one, two] = await env.db.transaction((em) =>
      claims.insertExtractedMany(em, [
        { article: first, extracted: extracted([original]) },
        { article: second, extracted: extracted([`${original}`, `Weather was fine in ${word()} on Sunday.`]) },
      ]),
    );
    const earlier = one.inserted[0];
    const repeat = two.inserted.find((x) => x.text === original)!;
    expect(earlier.status).toBe('queued');
    expect(repeat).toMatchObject({ status: 'duplicate', originalId: earlier.id });
    // The repeat is not handed to reviewers.
    expect(two.queued.map((x) => x.id)).not.toContain(repeat.id);
    const links = await env.sql(`SELECT claim_id, other_id, status FROM claim_matches WHERE claim_id IN ($1, $2)`, [
      earlier.id,
      repeat.id,
    ]);
    expect(links).toEqual([{ claim_id: repeat.id, other_id: earlier.id, status: 'confirmed' }]);
    expect((await claims.events(repeat.id)).map((e) => e.type)).toEqual(['extracted', 'queued', 'mark_duplicate']);

    // A third article repeating it, stored alone: a repeat of the original, not of the repeat.
    const third = await insertArticle(env, `third ${a}`);
    const [three] = await env.db.transaction((em) =>
      claims.insertExtractedMany(em, [{ article: third, extracted: extracted([original]) }]),
    );
    expect(three.inserted[0]).toMatchObject({ status: 'duplicate', originalId: earlier.id });
  });

  it('suggests reworded claims with one link and one event each, using the stored vectors when both have one', async () => {
    const [a, b, c, d] = [word(), word(), word(), word()];
    const vector = Array.from({ length: 512 }, (_, i) => Math.sin(i + 1));
    // A paraphrase's vector: near the stored one (cosine about 0.7), not the same.
    const near = vector.map((x, i) => x + Math.cos(3 * i + 2));
    const base = await insertArticle(env, `base ${a}`);
    const [stored] = await env.db.transaction((em) =>
      claims.insertExtractedMany(em, [
        {
          article: base,
          extracted: extracted([`${a} said ${b} exports rose to 4,200 ${c} tonnes in ${d}.`], [vector]),
        },
      ]),
    );
    const reworded = `In ${d}, ${b} exports climbed to 4,200 ${c} tonnes, ${a} said.`;
    // The same words but for a stop word (other fingerprint, same terms), in one article: neither is a candidate
    // for the other, both are scored against the stored claim, one with vectors on both sides, one without.
    const pair = await insertArticle(env, `pair ${a}`);
    const [both] = await env.db.transaction((em) =>
      claims.insertExtractedMany(em, [
        { article: pair, extracted: extracted([reworded, reworded.replace('In', 'In the')], [near, null]) },
      ]),
    );
    const sem = { inserted: both.inserted.filter((x) => x.text === reworded) };
    const lex = { inserted: both.inserted.filter((x) => x.text !== reworded) };
    const scoreOf = async (id: string) =>
      (
        await env.sql<{ score: number }>(`SELECT score FROM claim_matches WHERE claim_id = $1 AND other_id = $2`, [
          id,
          stored.inserted[0].id,
        ])
      )[0]?.score;
    const semantic = await scoreOf(sem.inserted[0].id);
    const lexical = await scoreOf(lex.inserted[0].id);
    expect(semantic).toBeGreaterThanOrEqual(0.5);
    expect(lexical).toBeGreaterThanOrEqual(0.5);
    // The semantic signal counts: the same words score differently with vectors on both sides than without.
    expect(semantic).not.toBeCloseTo(lexical, 3);
    const events = await claims.events(sem.inserted[0].id);
    expect(events.filter((e) => e.type === 'match_suggested').map((e) => e.data.otherId)).toContain(
      stored.inserted[0].id,
    );
    expect(sem.inserted[0].status).toBe('queued');
  });
});

describe('ClaimsService.matchNew (medium): a repeat needs the same figures', () => {
  let env: ServiceEnv;
  let claims: ClaimsService;
  // A low repeat threshold, so that a sentence with another figure scores above it: the figures decide.
  const threshold = 0.4;

  beforeAll(async () => {
    env = await ServiceEnv.start({ MATCH_DUPLICATE_THRESHOLD: String(threshold), MATCH_SUGGEST_THRESHOLD: '0.2' });
    claims = env.get(ClaimsService);
  });
  afterAll(() => env.close());

  it('suggests, not marks as a repeat, the same sentence with another figure', async () => {
    const [a, b] = [word(), word()];
    const said = (n: string) => `The ${a} agency issued ${n} confidentiality orders to ${b} firms last year.`;
    const first = await insertArticle(env, `figures ${a}`);
    const [one] = await env.db.transaction((em) =>
      claims.insertExtractedMany(em, [{ article: first, extracted: extracted([said('3,500')]) }]),
    );
    const second = await insertArticle(env, `other figure ${a}`);
    const [two] = await env.db.transaction((em) =>
      claims.insertExtractedMany(em, [{ article: second, extracted: extracted([said('9,500'), said('3,500 ')]) }]),
    );
    const other = two.inserted.find((x) => x.text === said('9,500'))!;
    const same = two.inserted.find((x) => x.text !== said('9,500'))!;
    // The same figure is a repeat; another figure scores above the threshold too but stays a claim to check.
    expect(same).toMatchObject({ status: 'duplicate', originalId: one.inserted[0].id });
    expect(other.status).toBe('queued');
    expect(other.originalId).toBeNull();
    const [link] = await env.sql<{ status: string; score: number }>(
      `SELECT status, score FROM claim_matches WHERE claim_id = $1 AND other_id = $2`,
      [other.id, one.inserted[0].id],
    );
    expect(link.status).toBe('suggested');
    expect(link.score).toBeGreaterThanOrEqual(threshold);
  });
});
