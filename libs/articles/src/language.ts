import { detect } from 'tinyld/light';

/** ISO 639-1 code of the text's language; `en` when the text is too short or unclear to tell. */
export function detectLanguage(text: string): string {
  const code = detect(text.slice(0, 2000));
  return /^[a-z]{2}$/.test(code) ? code : 'en';
}
