import { createHash } from 'crypto';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const stem = require('wink-porter2-stemmer') as (word: string) => string;

const URL = /\b(?:https?:\/\/|www\.|pic\.twitter\.com\/)\S+/gi;
// A pasted social post's signature: "— Name (@handle) February 25, 2016".
const SIGNATURE = /\s*[—–-]\s*[^—–\n]{0,80}\(@\w+\)\s*[A-Z][a-z]+\.? \d{1,2}, \d{4}\s*$/;
const HANDLE = /(^|\s)@(\w+)/g;
const HASHTAG = /#(\w+)/g;
const CAMEL = /([a-z])([A-Z])/g;
const APOSTROPHE = /['’‘`]/g;

/**
 * Text as read for matching: URLs, a post's signature and handles out, hashtags split into words
 * ("#AustralianFires" -> "Australian Fires"), whitespace collapsed. Case is kept (names matter to the encoder).
 */
export function cleanText(text: string): string {
  return text
    .normalize('NFKC')
    .replace(URL, ' ')
    .replace(SIGNATURE, '')
    .replace(HANDLE, '$1')
    .replace(HASHTAG, (_, tag: string) => tag.replace(CAMEL, '$1 $2'))
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * The exact-repeat key: lower case, letters and digits only, one space between words, the attribution frame
 * already gone (claims carry their text without "X said"). Two claims with the same key say the same words.
 */
export function normalizeForFingerprint(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(APOSTROPHE, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

export function fingerprint(text: string): string {
  return createHash('sha1').update(normalizeForFingerprint(text)).digest('hex');
}

// PostgreSQL's english stop words (snowball), so in-memory terms are the lexemes to_tsvector('english') makes.
// prettier-ignore
export const STOP_WORDS = new Set(('i me my myself we our ours ourselves you your yours yourself yourselves he him his ' +
  'himself she her hers herself it its itself they them their theirs themselves what which who whom this that these ' +
  'those am is are was were be been being have has had having do does did doing a an the and but if or because as ' +
  'until while of at by for with about against between into through during before after above below to from up down ' +
  'in out on off over under again further then once here there when where why how all any both each few more most ' +
  'other some such no nor not only own same so than too very s t can will just don should now').split(' '));

const WORD = /[\p{L}\p{N}]+/gu;
const stems = new Map<string, string>();

/** Search terms: lower-cased words without stop words, Porter2-stemmed (PostgreSQL's english configuration). */
export function terms(text: string): string[] {
  const out: string[] = [];
  for (const m of cleanText(text).toLowerCase().replace(APOSTROPHE, '').matchAll(WORD)) {
    const w = m[0];
    if (STOP_WORDS.has(w) || w.length > 60) continue;
    let s = stems.get(w);
    if (s === undefined) {
      s = stem(w);
      if (stems.size < 200_000) stems.set(w, s);
    }
    out.push(s);
  }
  return out;
}
