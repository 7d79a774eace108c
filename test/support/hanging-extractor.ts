/**
 * The extractor the extraction threads load in tests (EXTRACTION_TEST_MODULE): it behaves like the real one,
 * except on the hostile bodies of issue 16 (a run of 1,000 or more spaces), where it spins forever, the way the
 * original extractor spent 47 s on 'It rose, a' + 79 spaces + 'said' + 3,200 spaces + 'b;c.'. So the time-limit
 * tests do not depend on how fast the real extractor has become on those inputs. A body starting with
 * `THROW` makes it throw, for the error path.
 */
import { WinkClaimExtractor, type ArticleInput, type ClaimExtractor, type ExtractOptions } from '@claimdesk/extraction';

export function hostileBody(spaces = 3200): string {
  return 'It rose, a' + ' '.repeat(79) + 'said' + ' '.repeat(spaces) + 'b;c.';
}

export function createExtractor(): ClaimExtractor {
  // Loaded before the thread says it is ready, as in production: the time limit covers extraction only.
  const real = new WinkClaimExtractor();
  return {
    extract(article: ArticleInput, options?: ExtractOptions) {
      if (/ {1000}/.test(article.body)) for (;;); // as slow as it gets: only terminating the thread stops it
      if (article.body.startsWith('THROW'))
        throw new Error('extractor exploded: relation "secret_table" does not exist');
      return real.extract(article, options);
    },
  };
}
