import { unpackVector } from '@claimdesk/encoder';
import { Bm25Index, Matcher, STOP_WORDS, cleanText, terms, type RankedMatch } from '@claimdesk/matching';
import { EntityManager } from 'typeorm';
import type { Quantity } from '@claimdesk/extraction';
import type { Claim } from './claim.entity';
import { ClaimTermsRepository, type FoldMark } from './claim-terms.repository';
import { FTS_SCANNED, MatchesRepository } from './matches.repository';

const WORD = /[\p{L}\p{N}]+/gu;
/**
 * The full-text leg of the candidate query looks for claims holding two of the claim's three rarest words; when
 * those are common (the second rarest in more claims than the query reads), three of its four rarest. In a million
 * claims of a small vocabulary, pairs matched thousands of rows and the 400 read were chance: the reworded
 * original was among the top 5 for 73 of 100 claims with pairs, 95 with triples, at the same cost.
 */
const PAIR_WORDS = 3;
const TRIPLE_WORDS = 4;
/** Counts under this are not cached: rare terms are cheap to count, and a new claim changes them most. */
const DF_CACHE_MIN = 50;
/** Document frequencies change slowly: each process keeps what it counted this long (BM25's idf only). */
const DF_TTL_MS = 120_000;
const DF_CACHE_MAX = 100_000;
/** How long a process trusts the lexicon's fold mark it read, and how recent a fold must have caught up. */
const MARK_TTL_MS = 5_000;
const LEXICON_FRESH_MS = 10 * 60_000;

/** Plain words of a text for a tsquery (letters and digits only: nothing the tsquery syntax could read). */
export function queryWords(text: string): string[] {
  const words = new Set<string>();
  for (const m of cleanText(text).toLowerCase().matchAll(WORD)) {
    if (!STOP_WORDS.has(m[0]) && m[0].length <= 60) words.add(m[0]);
    if (words.size >= 32) break;
  }
  return [...words];
}

/** A new claim to match, as stored (embedding: the packed sentence vector, when stage 2 ran). */
export type ClaimToMatch = Pick<Claim, 'id' | 'articleId' | 'text' | 'claimant' | 'quantities' | 'fingerprint'> & {
  embedding?: Buffer | Uint8Array | null;
};

/**
 * The pipeline's matching of a batch of new claims: one candidate query for the whole batch (fingerprint and
 * full text over each claim's rarest words, by index), one query for the document frequencies the cache does not
 * hold, then a re-ranking in Node by the same Matcher the CLI uses, with the stored sentence vectors as the
 * semantic signal when both sides have one. Claims of the batch are candidates only for the claims after them
 * (the batch's order is the order of arrival), so two new claims never become each other's repeats.
 */
export class PipelineMatcher {
  private readonly dfCache = new Map<string, { df: number; at: number }>();
  private docCount = { n: 1, at: 0 };
  private mark: { value: FoldMark | null; at: number } = { value: null, at: -Infinity };

  constructor(
    private readonly repo: MatchesRepository,
    readonly matcher = new Matcher(),
    private readonly lexicon = new ClaimTermsRepository(),
  ) {}

  /**
   * Fetches the candidates of every claim at once; `rank(i, exclude)` then ranks claim i's, best `top` first,
   * leaving out the ids in `exclude` (claims of the batch already found to be repeats); `quantities(id)` are a
   * candidate's figures.
   */
  async rankMany(
    em: EntityManager,
    claims: ClaimToMatch[],
    top = 5,
  ): Promise<{ rank(i: number, exclude?: ReadonlySet<string>): RankedMatch[]; quantities(id: string): Quantity[] }> {
    const prepared = claims.map((c) =>
      this.matcher.prepare({
        id: c.id,
        text: c.text,
        claimant: c.claimant,
        quantities: c.quantities,
        vector: c.embedding ? unpackVector(c.embedding) : null,
      }),
    );
    const df = await this.frequencies(em, [...new Set(prepared.flatMap((p) => p.terms))]);
    const rows = await this.repo.candidatesMany(
      em,
      claims.map((c) => ({
        id: c.id,
        articleId: c.articleId,
        fingerprint: c.fingerprint ?? '',
        ...rareWordsQuery(c.text, df),
        all: queryWords(c.text),
      })),
    );
    const batchIndex = new Map(claims.map((c, i) => [c.id, i]));
    const perClaim: number[][] = claims.map(() => []);
    rows.forEach((r, k) => {
      for (const i of r.for) {
        // Another claim of this batch is a candidate only for the claims that came after it.
        const j = batchIndex.get(r.id);
        if (j === undefined || j < i) perClaim[i].push(k);
      }
    });
    const docs = rows.map((r) =>
      this.matcher.prepare({
        id: r.id,
        text: r.text,
        claimant: r.claimant,
        quantities: r.quantities,
        vector: r.embedding ? unpackVector(r.embedding) : null,
      }),
    );
    const docCount = this.docCount.n;
    return {
      quantities: (id) => docs.find((d) => d.id === id)?.quantities ?? [],
      rank: (i, exclude) => {
        const q = prepared[i];
        const mine = perClaim[i].map((k) => docs[k]).filter((d) => !exclude?.has(d.id));
        if (!mine.length) return [];
        const local = new Bm25Index();
        for (const d of mine) local.add(d.terms);
        const own = new Set(q.terms);
        const avgLength = mine.reduce((a, d) => a + d.terms.length, q.terms.length) / (mine.length + 1);
        // Candidate terms not in the query only matter to `coverage`: their df is estimated from the candidates.
        const stats = {
          docCount: Math.max(docCount, ...q.terms.map((t) => df.get(t) ?? 0)),
          avgLength,
          df: (t: string) => (own.has(t) ? (df.get(t) ?? local.df(t)) : local.df(t)),
        };
        return this.matcher.rank(q, mine, stats, top);
      },
    };
  }

  /** Document frequencies of `stems`: from the cache, the rest counted in PostgreSQL (one query). */
  private async frequencies(em: EntityManager, stems: string[]): Promise<Map<string, number>> {
    const now = Date.now();
    const out = new Map<string, number>();
    const missing: string[] = [];
    for (const s of stems) {
      const hit = this.dfCache.get(s);
      if (hit && now - hit.at < DF_TTL_MS) out.set(s, hit.df);
      else missing.push(s);
    }
    if (missing.length || now - this.docCount.at >= DF_TTL_MS) {
      const mark = await this.foldMark(em);
      // The lexicon once the sweeper has folded up to the newest claims lately; until then, counting every claim.
      const fresh = mark?.caughtUpAt && now - mark.caughtUpAt.getTime() < LEXICON_FRESH_MS;
      const { docCount, df } = await this.repo.termStats(em, missing, fresh ? mark : null);
      this.docCount = { n: docCount, at: now };
      if (this.dfCache.size + df.size > DF_CACHE_MAX) this.dfCache.clear();
      for (const [t, n] of df) {
        out.set(t, n);
        if (n >= DF_CACHE_MIN) this.dfCache.set(t, { df: n, at: now });
      }
    }
    return out;
  }

  private async foldMark(em: EntityManager): Promise<FoldMark | null> {
    if (Date.now() - this.mark.at >= MARK_TTL_MS) this.mark = { value: await this.lexicon.mark(em), at: Date.now() };
    return this.mark.value;
  }
}

/** The words of the claim's full-text candidate query, and how many of them a candidate must hold. */
export function rareWordsQuery(text: string, df: Map<string, number>): { words: string[]; need: number } {
  const rare = rarestWords(text, df, TRIPLE_WORDS);
  const second = df.get(terms(rare[1] ?? '')[0] ?? '') ?? 0;
  if (rare.length === TRIPLE_WORDS && second > FTS_SCANNED) return { words: rare, need: 3 };
  return { words: rare.slice(0, PAIR_WORDS), need: 2 };
}

/**
 * The claim's query words, the rarest first (by the df of their stem; unknown ones last), at most `n`; words only
 * the claim itself holds (df 1: it is stored already) can find nothing and are left out.
 */
export function rarestWords(text: string, df: Map<string, number>, n: number): string[] {
  const words = queryWords(text).map((w) => ({ w, df: df.get(terms(w)[0] ?? '') ?? Infinity }));
  return words
    .filter((x) => x.df > 1)
    .sort((a, b) => a.df - b.df)
    .slice(0, n)
    .map((x) => x.w);
}
