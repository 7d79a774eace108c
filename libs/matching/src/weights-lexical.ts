// Written by scripts/tune-matching.ts from the train queries (train MAP@5 0.7885).
import type { MatchWeights } from './matcher';

export const LEXICAL_BM25 = { k1: 1.2, b: 0.75 };
export const LEXICAL_WEIGHTS: MatchWeights = {
  bias: 0,
  lexical: 1,
  coverage: -0.1,
  semantic: 0,
  quantityShared: 0,
  quantityConflict: 0,
  claimantSame: 0,
  claimantDifferent: 0,
};
