// Written by scripts/tune-matching.ts from the train queries (train MAP@5 0.7885).
import type { MatchWeights } from './matcher';

export const LEXICAL_BM25 = { k1: 1.2, b: 0.75 };
export const LEXICAL_WEIGHTS: MatchWeights = {
  bias: -4.829,
  lexical: 1.985,
  coverage: -0.198,
  semantic: 0,
  quantityShared: 0,
  quantityConflict: 0,
  claimantSame: 0,
  claimantDifferent: 0,
};
