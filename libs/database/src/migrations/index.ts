import { InitialSchema1764489600000 } from './1764489600000-initial-schema';
import { ArticleTopic1764576000000 } from './1764576000000-article-topic';
import { KeysetPrecision1764662400000 } from './1764662400000-keyset-precision';
import { ExtractionRuns1764748800000 } from './1764748800000-extraction-runs';
import { ClaimListIndexes1764835200000 } from './1764835200000-claim-list-indexes';
import { ClaimSectionEmbedding1765000000000 } from './1765000000000-claim-section-embedding';
import { ClaimMatching1765100000000 } from './1765100000000-claim-matching';
import { UrlIngestion1765200000000 } from './1765200000000-url-ingestion';
import { SignIn1765400000000 } from './1765400000000-sign-in';
import { ClaimArticleIndex1765500000000 } from './1765500000000-claim-article-index';
import { Webhooks1765600000000 } from './1765600000000-webhooks';
import { Sources1765700000000 } from './1765700000000-sources';
import { SearchVectors1765800000000 } from './1765800000000-search-vectors';
import { DropClaimTextFts1766400000000 } from './1766400000000-drop-claim-text-fts';
import { DropClaimTextTrgm1766410000000 } from './1766410000000-drop-claim-text-trgm';
import { StatsIndexes1766500000000 } from './1766500000000-stats-indexes';
import { ArticleSearchAfterExtraction1766600000000 } from './1766600000000-article-search-after-extraction';
import { ClaimsSearchByDay1766700000000 } from './1766700000000-claims-search-by-day';
import { ClaimTerms1766800000000 } from './1766800000000-claim-terms';
import { ArticlesSearchByDay1766900000000 } from './1766900000000-articles-search-by-day';

/** Every migration, in order. Listed explicitly so the build and the tests run the same set. */
export const MIGRATIONS = [
  InitialSchema1764489600000,
  ArticleTopic1764576000000,
  KeysetPrecision1764662400000,
  ExtractionRuns1764748800000,
  ClaimListIndexes1764835200000,
  ClaimSectionEmbedding1765000000000,
  ClaimMatching1765100000000,
  UrlIngestion1765200000000,
  SignIn1765400000000,
  ClaimArticleIndex1765500000000,
  Webhooks1765600000000,
  Sources1765700000000,
  SearchVectors1765800000000,
  DropClaimTextFts1766400000000,
  DropClaimTextTrgm1766410000000,
  StatsIndexes1766500000000,
  ArticleSearchAfterExtraction1766600000000,
  ClaimsSearchByDay1766700000000,
  ClaimTerms1766800000000,
  ArticlesSearchByDay1766900000000,
];
