export * from './types';
export { WinkClaimExtractor } from './wink-claim-extractor';
export { CheckworthinessModel, DEFAULT_MODEL_PATH } from './checkworthiness-model';
export { SentenceSegmenter, type Segment } from './sentence-segmenter';
export { QuantityParser } from './quantity-parser';
export { ClaimantResolver, type Attribution, type ResolvedClaimant } from './claimant-resolver';
export { ClaimTyper } from './claim-typer';

import { CheckworthinessModel } from './checkworthiness-model';

let shared: CheckworthinessModel | null = null;

/** Check-worthiness scores in [0, 1] for plain sentences (the model loads once). */
export function scoreSentences(texts: string[]): number[] {
  shared ??= CheckworthinessModel.load();
  return texts.map((t) => shared!.score(t));
}
