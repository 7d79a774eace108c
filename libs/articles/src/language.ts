import { detect } from 'tinyld/light';

/** Very frequent English function words: plain English prose is about a third of them. */
const ENGLISH = new Set(
  'the of and to in is that for on with was as by it said has have be are at from which this an were not its their they will would been'.split(
    ' ',
  ),
);

/**
 * ISO 639-1 code of the text's language; `en` when the text is too short or unclear to tell.
 * Most of what newsrooms send is English, and tinyld costs about 0.4 ms a call whatever the length
 * (a quarter of the api's CPU under ingestion load), so clearly English text is recognised first
 * from its function words and only the rest goes to tinyld.
 */
export function detectLanguage(text: string): string {
  const words =
    text
      .slice(0, 600)
      .toLowerCase()
      .match(/[a-z]+/g) ?? [];
  if (words.length >= 20 && words.filter((w) => ENGLISH.has(w)).length / words.length >= 0.2) return 'en';
  const code = detect(text.slice(0, 2000));
  return /^[a-z]{2}$/.test(code) ? code : 'en';
}

/**
 * What extraction gives an article in this language: `full` (English: scored, typed, claimants) or
 * `unsupported-language` (sentences split and offered to reviewers of the language unscored; French, German and
 * Spanish number formats read as quantities). Null while the language is not known (`und`, a URL being fetched).
 * Mirrors SCORED_LANGUAGES of libs/extraction, which the api does not load.
 */
export function extractionSupport(language: string): 'full' | 'unsupported-language' | null {
  if (language === 'und') return null;
  return language === 'en' ? 'full' : 'unsupported-language';
}
