import { Bm25Index, Matcher, STOP_WORDS, cleanText, type CorpusStats, type RankedMatch } from '@claimdesk/matching';
import { EntityManager } from 'typeorm';
import type { Claim } from './claim.entity';
import { MatchesRepository } from './matches.repository';

const WORD = /[\p{L}\p{N}]+/gu;

/** Plain words of a text for a tsquery (letters and digits only: nothing the tsquery syntax could read). */
export function queryWords(text: string): string[] {
  const words = new Set<string>();
  for (const m of cleanText(text).toLowerCase().matchAll(WORD)) {
    if (!STOP_WORDS.has(m[0]) && m[0].length <= 60) words.add(m[0]);
    if (words.size >= 32) break;
  }
  return [...words];
}

/**
 * The pipeline's matching of one claim: candidates from PostgreSQL's indexes, re-ranked in Node by the same
 * Matcher the CLI uses, with BM25 statistics from PostgreSQL.
 */
export async function matchClaim(
  em: EntityManager,
  repo: MatchesRepository,
  matcher: Matcher,
  claim: Pick<Claim, 'id' | 'articleId' | 'text' | 'claimant' | 'quantities' | 'fingerprint'>,
  top = 5,
): Promise<RankedMatch[]> {
  const rows = await repo.candidates(
    em,
    { id: claim.id, articleId: claim.articleId, fingerprint: claim.fingerprint ?? '', text: claim.text },
    queryWords(claim.text),
  );
  if (!rows.length) return [];
  const q = matcher.prepare({ id: claim.id, text: claim.text, claimant: claim.claimant, quantities: claim.quantities });
  const docs = rows.map((r) =>
    matcher.prepare({ id: r.id, text: r.text, claimant: r.claimant, quantities: r.quantities }),
  );
  const { docCount, df } = await repo.termStats(em, [...new Set(q.terms)]);
  const lengths = docs.map((d) => d.terms.length);
  const stats: CorpusStats = {
    docCount,
    avgLength: lengths.reduce((a, b) => a + b, q.terms.length) / (lengths.length + 1),
    // Candidate terms not in the query only matter to `coverage`: their df is estimated from the candidates.
    df: (t) => df.get(t) ?? local.df(t),
  };
  const local = new Bm25Index();
  for (const d of docs) local.add(d.terms);
  return matcher.rank(q, docs, stats, top);
}
