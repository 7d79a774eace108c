import { CheckworthinessModel } from './checkworthiness-model';
import { ClaimTyper } from './claim-typer';
import { ClaimantResolver } from './claimant-resolver';
import { QuantityParser } from './quantity-parser';
import { decodeEntities } from './html-entities';
import { LOCALIZED_LANGUAGES, LocalizedLanguage, parseLocalizedQuantities } from './localized-quantities';
import { SentenceSegmenter, type Segment } from './sentence-segmenter';
import type { ArticleInput, ClaimExtractor, ExtractOptions, ExtractedClaim } from './types';
import { analyze, wink } from './wink-nlp';

// Fragments this short ("Thank you.", "He agreed.") carry no checkable claim; three words with a number may
// ("Unemployment hit 9%").
const MIN_WORDS = 4;
const MIN_WORDS_WITH_NUMBER = 3;

/** Languages the check-worthiness model, claim typer and claimant resolver were built for. */
export const SCORED_LANGUAGES: readonly string[] = ['en'];

/**
 * Whether an article in `language` is scored. No language given (or `und`, not yet known) reads as English, as
 * before languages were told apart.
 */
export function isScoredLanguage(language: string | null | undefined): boolean {
  return !language || language === 'und' || SCORED_LANGUAGES.includes(language);
}

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
    const title = this.titleSegment(article.title);
    // The title goes first, as its own paragraph: its claimant is resolved with the article's names.
    const read = title ? [title, ...segments] : segments;
    const names = article.title ? `${article.title}\n${body}` : body;
    const resolved = this.resolver.resolveArticle(
      read.map((s) => (s.plain === s.text ? s : { ...s, text: s.plain })),
      names,
    );
    const claims: ExtractedClaim[] = [];
    const scored = isScoredLanguage(article.language);
    read.forEach((seg, i) => {
      const { text, claimant } = resolved[i];
      const words = text.split(/\s+/).length;
      if (words < MIN_WORDS && !(words >= MIN_WORDS_WITH_NUMBER && /\d/.test(text))) return;
      if (!scored) {
        claims.push(this.unscored(seg, seg === title, article.language!));
        return;
      }
      const score = this.model.scoreAnalysis(text, analyze(text));
      if (score < minScore) return;
      const quantities = this.quantities.parse(text);
      const isTitle = seg === title;
      claims.push({
        sentence: isTitle ? seg.plain : seg.text,
        span: isTitle ? null : { start: seg.start, end: seg.end },
        section: isTitle ? 'title' : 'body',
        text,
        score,
        type: this.typer.type(text, quantities),
        quantities,
        claimant,
      });
    });
    return claims;
  }

  /**
   * A sentence of an article in a language the model was not trained on: kept whole (no English reporting frame
   * or claimant read into it), unscored (`scoredBy: []`, score 0, never rescored by stage 2), with the quantities
   * of French, German or Spanish number formats where the language is one of those, typed `quantity` when it has
   * one. The claims service queues such claims for reviewers of that language rather than trusting a score.
   */
  private unscored(seg: Segment, isTitle: boolean, language: string): ExtractedClaim {
    const text = seg.plain;
    const quantities = (LOCALIZED_LANGUAGES as readonly string[]).includes(language)
      ? parseLocalizedQuantities(text, language as LocalizedLanguage)
      : [];
    return {
      sentence: isTitle ? seg.plain : seg.text,
      span: isTitle ? null : { start: seg.start, end: seg.end },
      section: isTitle ? 'title' : 'body',
      text,
      score: 0,
      scoredBy: [],
      type: quantities.length ? 'quantity' : 'other',
      quantities,
      claimant: null,
    };
  }

  /** The title as one sentence (entities decoded, whitespace collapsed); null when there is none. */
  private titleSegment(title: string | null | undefined): Segment | null {
    const plain = decodeEntities(title ?? '')
      .text.replace(/\s+/g, ' ')
      .trim();
    if (!plain) return null;
    return {
      text: plain,
      plain,
      start: 0,
      end: 0,
      paragraph: -2,
      quoteOpenAtStart: false,
      quoteOpenAtEnd: false,
    };
  }
}
