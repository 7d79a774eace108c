// Written by scripts/tune-matching.ts from the train queries (train MAP@5 0.8258).
import type { MatchWeights } from './matcher';

export const SEMANTIC_BM25 = { k1: 1.2, b: 0.75 };
export const SEMANTIC_WEIGHTS: MatchWeights = {
  bias: 0,
  lexical: 1,
  coverage: -0.25,
  semantic: 0.3,
  quantityShared: 0,
  quantityConflict: 0,
  claimantSame: 0,
  claimantDifferent: 0,
};
