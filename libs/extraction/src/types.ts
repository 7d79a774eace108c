/** Input to the extractor: one article. Plain data, no I/O. */
export interface ArticleInput {
  body: string;
  title?: string | null;
  publishedAt?: string | Date | null;
  source?: string | null;
  language?: string | null;
}

export type ClaimType = 'quantity' | 'prediction' | 'causal' | 'rule' | 'personal' | 'other';
export const CLAIM_TYPES: readonly ClaimType[] = ['quantity', 'prediction', 'causal', 'rule', 'personal', 'other'];

/** A character range in the article body: 0-based UTF-16 offsets, `end` exclusive. */
export interface Span {
  start: number;
  end: number;
}

export interface Quantity {
  /** The quantity as written, e.g. "from 2,400 to 3,500 confidentiality orders". */
  text: string;
  value?: number;
  min?: number;
  max?: number;
  /** The counted noun phrase or the measure: "confidentiality orders", "%", "USD". */
  unit?: string;
  /** Approximator kept as written: "about", "more than", "at least". */
  qualifier?: string;
  /** The amount is vague ("millions of", "a dozen or so", "dozens"): value/min/max are only what is known. */
  approximate?: boolean;
}

/** Where a claim was read: the article's title, or its body. */
export type ClaimSection = 'title' | 'body';

export interface ExtractedClaim {
  /** The whole sentence; for a body claim `body.slice(span.start, span.end) === sentence`. */
  sentence: string;
  /** The sentence's range in the body; null for a title claim. */
  span: Span | null;
  section: ClaimSection;
  /** The claim itself, without the reporting frame ("X said that ...") where there is one. */
  text: string;
  /** Check-worthiness in [0, 1]. */
  score: number;
  type: ClaimType;
  quantities: Quantity[];
  /** Who made the claim, resolved to the fullest name in the article; null when unattributed. */
  claimant: string | null;
  /** The stages that scored it: 'fast' (stage 1), 'encoder' (stage 2); absent means ['fast']. */
  scoredBy?: string[];
  /** The stage-2 sentence vector in its packed form (libs/encoder packVector); absent when stage 2 did not run. */
  embedding?: Uint8Array | null;
}

export interface ExtractOptions {
  /** Only sentences scoring at least this are returned (default 0: every candidate sentence). */
  minScore?: number;
}

/** The one interface the rest of claimdesk depends on. */
export interface ClaimExtractor {
  extract(article: ArticleInput, options?: ExtractOptions): ExtractedClaim[];
}
