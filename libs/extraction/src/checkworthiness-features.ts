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

export const DEFAULT_FEATURES: FeatureConfig = { bits: 18, words: true, bigrams: true, charNgrams: [3, 4, 5], pos: true, hand: true };

const FIRST_PERSON = /^(i|me|my|myself|i'm|i've|i'll|i'd|mine)$/;
const OPINION = new Set(['think', 'believe', 'feel', 'hope', 'want', 'should', 'must', 'need', 'love', 'wish', 'great', 'wonderful', 'terrible', 'thank', 'thanks', 'proud', 'going']);

/** FNV-1a, 32-bit: cheap and stable across runs, so the model file stays valid. */
export function hash(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

function normalize(token: string): string {
  const t = token.toLowerCase();
  if (/^\d[\d,.]*$/.test(t)) return t.length >= 4 && /^(1[89]|20)\d\d$/.test(t) ? '<year>' : '<num>';
  return t;
}

/**
 * Hashed sparse features of one sentence: returns bucket indices (duplicates allowed, they add up) with unit
 * values. Words and bigrams carry the topic, POS n-grams the syntax (past tense statements vs. questions),
 * character n-grams the morphology of unseen words, and a few hand features the cues the literature reports.
 */
export function featurize(text: string, a: Analysis, cfg: FeatureConfig): number[] {
  const mask = (1 << cfg.bits) - 1;
  const out: number[] = [];
  const add = (f: string) => out.push(hash(f) & mask);
  const words: string[] = [];
  for (let i = 0; i < a.tokens.length; i++) {
    if (a.pos[i] === 'PUNCT' || a.pos[i] === 'SPACE') continue;
    words.push(normalize(a.tokens[i]));
  }
  if (cfg.words) for (const w of words) add(`w:${w}`);
  if (cfg.bigrams) {
    let prev = '<s>';
    for (const w of words) {
      add(`b:${prev}_${w}`);
      prev = w;
    }
    add(`b:${prev}_</s>`);
  }
  for (const n of cfg.charNgrams) {
    for (const w of words) {
      const padded = ` ${w} `;
      for (let i = 0; i + n <= padded.length; i++) add(`c${n}:${padded.slice(i, i + n)}`);
    }
  }
  if (cfg.pos) {
    const tags = a.pos.filter((p) => p !== 'SPACE');
    let p1 = '<s>';
    let p2 = '<s>';
    for (const t of tags) {
      add(`p:${t}`);
      add(`pp:${p1}_${t}`);
      add(`ppp:${p2}_${p1}_${t}`);
      p2 = p1;
      p1 = t;
    }
    for (const e of a.entities) add(`e:${e}`);
  }
  if (cfg.hand) {
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
  return out;
}
