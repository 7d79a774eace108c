// Placeholder until scripts/tune-matching.ts writes the tuned weights.
import type { MatchWeights } from './matcher';

export const SEMANTIC_BM25 = { k1: 1.2, b: 0.75 };
export const SEMANTIC_WEIGHTS: MatchWeights = {
  bias: -8,
  lexical: 2,
  coverage: 0,
  semantic: 6,
  quantityShared: 0,
  quantityConflict: 0,
  claimantSame: 0,
  claimantDifferent: 0,
};
