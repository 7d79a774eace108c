import { Bm25Index } from './bm25';
import { cosine } from '@claimdesk/encoder';
import { Matcher, MatchText, PreparedText, RankedMatch } from './matcher';

/** How many candidates each index hands to the re-ranking (the pipeline asks PostgreSQL for as many). */
export const CANDIDATES = 100;

/**
 * The CLI's and the evaluation's candidate source: an in-memory BM25 index of the claims (and, with vectors, a
 * brute-force nearest-neighbour pass), in place of PostgreSQL's. Ranking is the matcher's, as in the pipeline.
 */
export class MemoryMatchIndex {
  readonly bm25 = new Bm25Index();
  readonly docs: PreparedText[] = [];
  private readonly byFingerprint = new Map<string, number[]>();

  constructor(readonly matcher: Matcher = new Matcher()) {}

  add(t: MatchText): void {
    const p = this.matcher.prepare(t);
    const n = this.bm25.add(p.terms);
    this.docs[n] = p;
    const same = this.byFingerprint.get(p.fingerprint);
    if (same) same.push(n);
    else this.byFingerprint.set(p.fingerprint, [n]);
  }

  /** Candidates: exact repeats, the best BM25 documents and the nearest vectors. */
  candidates(q: PreparedText, n = CANDIDATES): PreparedText[] {
    const picked = new Set<number>(this.byFingerprint.get(q.fingerprint) ?? []);
    for (const { doc } of this.bm25.search(q.terms, n, this.matcher.bm25Params)) picked.add(doc);
    if (q.vector) {
      const sims = this.docs.map((d, i) => ({ i, s: d.vector ? cosine(q.vector!, d.vector) : -1 }));
      sims.sort((a, b) => b.s - a.s);
      for (const { i } of sims.slice(0, n)) picked.add(i);
    }
    return [...picked].map((i) => this.docs[i]);
  }

  match(query: MatchText, top: number): RankedMatch[] {
    const q = this.matcher.prepare(query);
    return this.matcher.rank(q, this.candidates(q), this.bm25, top);
  }
}
