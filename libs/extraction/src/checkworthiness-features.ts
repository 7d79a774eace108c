import type { Analysis } from './wink-nlp';

/** Which feature groups the model uses; stored in the model file so scoring matches training. */
export interface FeatureConfig {
  /** log2 of the number of hash buckets. */
  bits: number;
  words: boolean;
  bigrams: boolean;
  /** Character n-gram lengths (within word boundaries), e.g. [3, 4, 5]; empty for none. */
  charNgrams: number[];
  pos: boolean;
  hand: boolean;
}

export const DEFAULT_FEATURES: FeatureConfig = {
  bits: 18,
  words: true,
  bigrams: true,
  charNgrams: [3, 4, 5],
  pos: true,
  hand: true,
};

const FIRST_PERSON = /^(i|me|my|myself|i'm|i've|i'll|i'd|mine)$/;
// prettier-ignore
const OPINION = new Set([
  'think', 'believe', 'feel', 'hope', 'want', 'should', 'must', 'need', 'love', 'wish', 'great', 'wonderful',
  'terrible', 'thank', 'thanks', 'proud', 'going',
]);

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/** Continues an FNV-1a state over s: hash(a + b) = fold(fold(offset, a), b), with no string built. */
function fold(h: number, s: string): number {
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, FNV_PRIME);
  }
  return h;
}

/** FNV-1a, 32-bit: cheap and stable across runs, so the model file stays valid. */
export function hash(s: string): number {
  return fold(FNV_OFFSET, s) >>> 0;
}

const UNDERSCORE = 0x5f;
const SPACE = 0x20;
const step = (h: number, code: number) => Math.imul(h ^ code, FNV_PRIME);
// States after each feature's prefix ("w:", "b:", "c3:" ...): a feature's hash continues from its prefix.
const PREFIX = {
  word: fold(FNV_OFFSET, 'w:'),
  bigram: fold(FNV_OFFSET, 'b:'),
  pos: fold(FNV_OFFSET, 'p:'),
  pos2: fold(FNV_OFFSET, 'pp:'),
  pos3: fold(FNV_OFFSET, 'ppp:'),
  entity: fold(FNV_OFFSET, 'e:'),
};
const charPrefix = new Map<number, number>();
const HAND = Object.fromEntries(
  [
    'h:num',
    'h:percent',
    'h:money',
    'h:first-person',
    'h:opinion',
    'h:question',
    'h:future',
    'h:imperative',
    ...[0, 1, 2, 3, 4].map((k) => `len:${k}`),
  ].map((f) => [f, hash(f)]),
);

function normalize(token: string): string {
  const t = token.toLowerCase();
  if (/^\d[\d,.]*$/.test(t)) return t.length >= 4 && /^(1[89]|20)\d\d$/.test(t) ? '<year>' : '<num>';
  return t;
}

let buffer = new Int32Array(4096);
let length = 0;

function put(feature: number): void {
  if (length === buffer.length) {
    const grown = new Int32Array(2 * length);
    grown.set(buffer);
    buffer = grown;
  }
  buffer[length++] = feature;
}

/** The buffer `featureBuffer` fills. */
export function features(): Int32Array {
  return buffer;
}

/**
 * Hashed sparse features of one sentence: returns bucket indices (duplicates allowed, they add up) with unit
 * values. Words and bigrams carry the topic, POS n-grams the syntax (past tense statements vs. questions),
 * character n-grams the morphology of unseen words, and a few hand features the cues the literature reports.
 * Each feature is the FNV-1a hash of a string such as `b:the_tax` or `c3: ta`, computed without building the
 * string (a fifth of the extractor's time went to building and collecting them).
 */
export function featurize(text: string, a: Analysis, cfg: FeatureConfig): number[] {
  const n = featureBuffer(text, a, cfg);
  return Array.from(buffer.subarray(0, n));
}

/**
 * The features of `featurize`, in the same order, written into one buffer reused by every call (valid until the
 * next call); returns their number. Scoring reads them from there: no array per sentence, and the collector
 * spent a sixth of stage 1's time growing arrays and collecting them.
 */
export function featureBuffer(text: string, a: Analysis, cfg: FeatureConfig): number {
  const mask = (1 << cfg.bits) - 1;
  length = 0;
  const words: string[] = [];
  for (let i = 0; i < a.tokens.length; i++) {
    if (a.pos[i] === 'PUNCT' || a.pos[i] === 'SPACE') continue;
    words.push(normalize(a.tokens[i]));
  }
  if (cfg.words) for (const w of words) put(fold(PREFIX.word, w) & mask);
  if (cfg.bigrams) {
    let prev = '<s>';
    for (const w of words) {
      put(fold(step(fold(PREFIX.bigram, prev), UNDERSCORE), w) & mask);
      prev = w;
    }
    put(fold(step(fold(PREFIX.bigram, prev), UNDERSCORE), '</s>') & mask);
  }
  for (const n of cfg.charNgrams) {
    let start = charPrefix.get(n);
    if (start === undefined) charPrefix.set(n, (start = fold(FNV_OFFSET, `c${n}:`)));
    for (const w of words) {
      // The n-grams of ` ${w} `: position 0 and w.length + 1 are the padding spaces.
      for (let i = 0; i + n <= w.length + 2; i++) {
        let h = start;
        for (let j = i; j < i + n; j++) h = step(h, j === 0 || j === w.length + 1 ? SPACE : w.charCodeAt(j - 1));
        put(h & mask);
      }
    }
  }
  if (cfg.pos) {
    let p1 = '<s>';
    let p2 = '<s>';
    for (const t of a.pos) {
      if (t === 'SPACE') continue;
      put(fold(PREFIX.pos, t) & mask);
      put(fold(step(fold(PREFIX.pos2, p1), UNDERSCORE), t) & mask);
      put(fold(step(fold(step(fold(PREFIX.pos3, p2), UNDERSCORE), p1), UNDERSCORE), t) & mask);
      p2 = p1;
      p1 = t;
    }
    for (const e of a.entities) put(fold(PREFIX.entity, e) & mask);
  }
  if (cfg.hand) {
    const add = (f: string) => put(HAND[f] & mask);
    const lower = a.tokens.map((t) => t.toLowerCase());
    const n = words.length;
    add(`len:${n < 5 ? 0 : n < 10 ? 1 : n < 20 ? 2 : n < 35 ? 3 : 4}`);
    if (a.pos.includes('NUM')) add('h:num');
    if (lower.includes('%') || lower.includes('percent')) add('h:percent');
    if (a.entities.includes('MONEY') || lower.some((t) => t === '$' || t === 'dollars')) add('h:money');
    if (lower.some((t) => FIRST_PERSON.test(t))) add('h:first-person');
    if (lower.some((t) => OPINION.has(t))) add('h:opinion');
    if (/\?\s*["”]?\s*$/.test(text)) add('h:question');
    if (lower.includes('will') || lower.includes("'ll")) add('h:future');
    if (a.pos[0] === 'VERB') add('h:imperative');
  }
  return length;
}
