import type { Quantity } from '@claimdesk/extraction';
import { Bm25, Bm25Params, CorpusStats, DEFAULT_BM25, termCounts } from './bm25';
import { cosine } from '@claimdesk/encoder';
import { fingerprint, terms } from './normalize';
import { LEXICAL_WEIGHTS } from './weights-lexical';
import { SEMANTIC_WEIGHTS } from './weights-semantic';
import { claimantOf, claimantOverlap, quantitiesOf, quantityOverlap } from './signals';

/** A claim to match, or a candidate: what the pipeline stores, or what the CLI reads and derives. */
export interface MatchText {
  id: string;
  text: string;
  /** As the extractor resolved it; derived from the text when undefined. */
  claimant?: string | null;
  /** As the extractor parsed them; derived from the text when undefined. */
  quantities?: Quantity[];
  /** Sentence vector (semantic signal), when an encoder is in use. */
  vector?: Float32Array | null;
}

export interface PreparedText {
  id: string;
  fingerprint: string;
  terms: string[];
  tf: Map<string, number>;
  claimant: string | null;
  quantities: Quantity[];
  vector: Float32Array | null;
}

export const SIGNALS = ['exact', 'lexical', 'coverage', 'semantic', 'quantity', 'claimant'] as const;
export type Signal = (typeof SIGNALS)[number];

export interface MatchFeatures {
  exact: number;
  /** BM25 of the candidate for the query, over the query's self score: about [0, 1]. */
  lexical: number;
  /** The same the other way: how much of the candidate the query holds. */
  coverage: number;
  semantic: number;
  quantityShared: number;
  quantityConflict: number;
  claimantSame: number;
  claimantDifferent: number;
}

/** Linear weights over the features (`bias` unused: kept for the file format) (tuned on the train queries by scripts/tune-matching.ts). */
export interface MatchWeights {
  bias: number;
  lexical: number;
  coverage: number;
  semantic: number;
  quantityShared: number;
  quantityConflict: number;
  claimantSame: number;
  claimantDifferent: number;
}

export { LEXICAL_WEIGHTS } from './weights-lexical';
export { SEMANTIC_WEIGHTS } from './weights-semantic';

export interface MatcherOptions {
  bm25?: Bm25Params;
  /** Weights when vectors are present on both sides, and when not. */
  weights?: MatchWeights;
  lexicalWeights?: MatchWeights;
}

export interface RankedMatch {
  id: string;
  /** Probability-like score in [0, 1]; 1 for an exact repeat. */
  score: number;
  features: MatchFeatures;
}

/**
 * The matcher: ranks candidates (from PostgreSQL's indexes in the pipeline, from an in-memory BM25 index in the
 * CLI) for a claim by one combined score. Plain TypeScript, no I/O.
 */
export class Matcher {
  readonly bm25Params: Bm25Params;
  readonly weights: MatchWeights;
  readonly lexicalWeights: MatchWeights;

  constructor(options: MatcherOptions = {}) {
    this.bm25Params = options.bm25 ?? DEFAULT_BM25;
    this.weights = options.weights ?? SEMANTIC_WEIGHTS;
    this.lexicalWeights = options.lexicalWeights ?? LEXICAL_WEIGHTS;
  }

  prepare(t: MatchText): PreparedText {
    const ts = terms(t.text);
    return {
      id: t.id,
      fingerprint: fingerprint(t.text),
      terms: ts,
      tf: termCounts(ts),
      claimant: t.claimant !== undefined ? t.claimant : claimantOf(t.text),
      quantities: t.quantities ?? quantitiesOf(t.text),
      vector: t.vector ?? null,
    };
  }

  features(q: PreparedText, d: PreparedText, stats: CorpusStats): MatchFeatures {
    const bm25 = new Bm25(stats, this.bm25Params);
    const qSelf = bm25.selfScore(q.terms);
    const dSelf = bm25.selfScore(d.terms);
    const qty = quantityOverlap(q.quantities, d.quantities);
    const who = claimantOverlap(q.claimant, d.claimant);
    return {
      exact: q.fingerprint === d.fingerprint && q.terms.length > 0 ? 1 : 0,
      lexical: qSelf ? bm25.score(q.terms, d.tf, d.terms.length) / qSelf : 0,
      coverage: dSelf ? bm25.score(d.terms, q.tf, q.terms.length) / dSelf : 0,
      semantic: q.vector && d.vector ? cosine(q.vector, d.vector) : 0,
      quantityShared: qty.shared,
      quantityConflict: qty.conflict,
      claimantSame: who.same,
      claimantDifferent: who.different,
    };
  }

  /**
   * The combined score: 1 for an exact repeat, else the weighted similarities over the weight a perfect match
   * would get (identical texts score 1), clamped to [0, 1]: the thresholds read on the same scale whatever the weights.
   */
  combine(f: MatchFeatures, semantic: boolean): number {
    if (f.exact) return 1;
    const w = semantic ? this.weights : this.lexicalWeights;
    const perfect =
      w.lexical +
      w.coverage +
      (semantic ? w.semantic : 0) +
      Math.max(w.quantityShared, 0) +
      Math.max(w.claimantSame, 0);
    const z =
      w.lexical * f.lexical +
      w.coverage * f.coverage +
      (semantic ? w.semantic * f.semantic : 0) +
      w.quantityShared * f.quantityShared +
      w.quantityConflict * f.quantityConflict +
      w.claimantSame * f.claimantSame +
      w.claimantDifferent * f.claimantDifferent;
    return Math.max(0, Math.min(z / (perfect || 1), 0.999999));
  }

  /** One signal alone, for the evaluation's per-signal figures. */
  signal(f: MatchFeatures, s: Signal): number {
    switch (s) {
      case 'exact':
        return f.exact;
      case 'lexical':
        return f.lexical;
      case 'coverage':
        return f.coverage;
      case 'semantic':
        return f.semantic;
      case 'quantity':
        return f.quantityShared - f.quantityConflict;
      case 'claimant':
        return f.claimantSame - f.claimantDifferent;
    }
  }

  /** Candidates ranked best first (ties by id, so the order is stable), the query itself left out. */
  rank(query: PreparedText, candidates: PreparedText[], stats: CorpusStats, top = Infinity): RankedMatch[] {
    const ranked: RankedMatch[] = [];
    for (const d of candidates) {
      if (d.id === query.id) continue;
      const features = this.features(query, d, stats);
      ranked.push({ id: d.id, score: this.combine(features, !!(query.vector && d.vector)), features });
    }
    ranked.sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    return ranked.slice(0, top);
  }
}
