/** Collection statistics BM25 needs: exact for the in-memory index, from PostgreSQL for the pipeline. */
export interface CorpusStats {
  docCount: number;
  avgLength: number;
  /** How many documents hold the term. */
  df(term: string): number;
}

export interface Bm25Params {
  k1: number;
  b: number;
}

export const DEFAULT_BM25: Bm25Params = { k1: 1.2, b: 0.75 };

export function termCounts(terms: string[]): Map<string, number> {
  const tf = new Map<string, number>();
  for (const t of terms) tf.set(t, (tf.get(t) ?? 0) + 1);
  return tf;
}

/** Okapi BM25 with Lucene's non-negative idf. The one formula: in-memory search and the pipeline's re-ranking. */
export class Bm25 {
  constructor(
    readonly stats: CorpusStats,
    readonly params: Bm25Params = DEFAULT_BM25,
  ) {}

  idf(term: string): number {
    const n = this.stats.docCount;
    const df = Math.min(this.stats.df(term), n);
    return Math.log(1 + (n - df + 0.5) / (df + 0.5));
  }

  /** Score of a document (its term counts and length) for the query's distinct terms. */
  score(queryTerms: Iterable<string>, doc: Map<string, number>, docLength: number): number {
    const { k1, b } = this.params;
    const norm = k1 * (1 - b + (b * docLength) / (this.stats.avgLength || 1));
    let s = 0;
    for (const t of new Set(queryTerms)) {
      const tf = doc.get(t);
      if (tf) s += (this.idf(t) * tf * (k1 + 1)) / (tf + norm);
    }
    return s;
  }

  /** The score a document made of exactly the query's terms would get: scales a score to about [0, 1]. */
  selfScore(queryTerms: string[]): number {
    return this.score(queryTerms, termCounts(queryTerms), queryTerms.length);
  }
}

interface Posting {
  doc: number;
  tf: number;
}

/** An in-memory inverted index (the CLI's and the evaluation's candidates); exact statistics. */
export class Bm25Index implements CorpusStats {
  private readonly postings = new Map<string, Posting[]>();
  private readonly lengths: number[] = [];
  private totalLength = 0;

  get docCount(): number {
    return this.lengths.length;
  }

  get avgLength(): number {
    return this.lengths.length ? this.totalLength / this.lengths.length : 0;
  }

  df(term: string): number {
    return this.postings.get(term)?.length ?? 0;
  }

  /** Adds a document; returns its number (0, 1, ...). */
  add(terms: string[]): number {
    const doc = this.lengths.length;
    this.lengths.push(terms.length);
    this.totalLength += terms.length;
    for (const [t, tf] of termCounts(terms)) {
      let list = this.postings.get(t);
      if (!list) this.postings.set(t, (list = []));
      list.push({ doc, tf });
    }
    return doc;
  }

  /** The best `k` documents for the query, by BM25 (document-at-a-time over the query's postings). */
  search(queryTerms: string[], k: number, params: Bm25Params = DEFAULT_BM25): { doc: number; score: number }[] {
    const bm25 = new Bm25(this, params);
    const acc = new Map<number, number>();
    for (const t of new Set(queryTerms)) {
      const list = this.postings.get(t);
      if (!list) continue;
      const idf = bm25.idf(t);
      for (const { doc, tf } of list) {
        const norm = params.k1 * (1 - params.b + (params.b * this.lengths[doc]) / (this.avgLength || 1));
        acc.set(doc, (acc.get(doc) ?? 0) + (idf * tf * (params.k1 + 1)) / (tf + norm));
      }
    }
    return [...acc.entries()]
      .map(([doc, score]) => ({ doc, score }))
      .sort((a, b) => b.score - a.score || a.doc - b.doc)
      .slice(0, k);
  }
}
