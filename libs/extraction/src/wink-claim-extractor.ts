import { CheckworthinessModel } from './checkworthiness-model';
import { ClaimTyper } from './claim-typer';
import { ClaimantResolver } from './claimant-resolver';
import { QuantityParser } from './quantity-parser';
import { SentenceSegmenter } from './sentence-segmenter';
import type { ArticleInput, ClaimExtractor, ExtractOptions, ExtractedClaim } from './types';
import { analyze, wink } from './wink-nlp';

// Fragments this short ("Thank you.", "He agreed.") carry no checkable claim.
const MIN_WORDS = 4;

/** The claim extractor: segmentation, attribution, quantities, type and check-worthiness score per sentence. */
export class WinkClaimExtractor implements ClaimExtractor {
  private readonly segmenter = new SentenceSegmenter();
  private readonly resolver = new ClaimantResolver();
  private readonly quantities = new QuantityParser();
  private readonly typer = new ClaimTyper();
  private readonly model: CheckworthinessModel;

  constructor(model?: CheckworthinessModel) {
    this.model = model ?? CheckworthinessModel.load();
    wink(); // load the language model now rather than on the first article
  }

  extract(article: ArticleInput, options: ExtractOptions = {}): ExtractedClaim[] {
    const minScore = options.minScore ?? 0;
    const body = article.body ?? '';
    const segments = this.segmenter.segment(body);
    const names = article.title ? `${article.title}\n${body}` : body;
    const resolved = this.resolver.resolveArticle(segments, names);
    const claims: ExtractedClaim[] = [];
    segments.forEach((seg, i) => {
      const { text, claimant } = resolved[i];
      if (text.split(/\s+/).length < MIN_WORDS) return;
      const score = this.model.scoreAnalysis(text, analyze(text));
      if (score < minScore) return;
      const quantities = this.quantities.parse(text);
      claims.push({
        sentence: seg.text,
        span: { start: seg.start, end: seg.end },
        text,
        score,
        type: this.typer.type(text, quantities),
        quantities,
        claimant,
      });
    });
    return claims;
  }
}
