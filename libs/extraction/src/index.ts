export * from './types';
export { WinkClaimExtractor, SCORED_LANGUAGES, isScoredLanguage } from './wink-claim-extractor';
export { CheckworthinessModel, DEFAULT_MODEL_PATH } from './checkworthiness-model';
export { SentenceSegmenter, type Segment } from './sentence-segmenter';
export { QuantityParser } from './quantity-parser';
export { ClaimantResolver, type Attribution, type ResolvedClaimant } from './claimant-resolver';
export { ClaimTyper } from './claim-typer';
export { Stage2Model, STAGE2_MODEL_PATH, type EncodeFn, type Stage2File } from './stage2-model';
export {
  parseLocalizedQuantities,
  parseLocalizedNumber,
  LOCALIZED_LANGUAGES,
  type LocalizedLanguage,
} from './localized-quantities';
