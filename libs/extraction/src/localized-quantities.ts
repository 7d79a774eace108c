import type { Quantity } from './types';

/** Languages whose number formats are read here (comma decimals, space or dot thousands). */
export const LOCALIZED_LANGUAGES = ['fr', 'de', 'es'] as const;
export type LocalizedLanguage = (typeof LOCALIZED_LANGUAGES)[number];

const SCALE: Record<LocalizedLanguage, Record<string, number>> = {
  fr: { mille: 1e3, million: 1e6, millions: 1e6, milliard: 1e9, milliards: 1e9 },
  de: { tausend: 1e3, million: 1e6, millionen: 1e6, mio: 1e6, milliarde: 1e9, milliarden: 1e9, mrd: 1e9 },
  es: { mil: 1e3, millón: 1e6, millones: 1e6, millon: 1e6 },
};
const PERCENT: Record<LocalizedLanguage, string> = { fr: 'pour cent', de: 'prozent', es: 'por ciento' };
const CURRENCY: Record<string, string> = { '€': 'EUR', euros: 'EUR', euro: 'EUR', dollars: 'USD', $: 'USD' };

/**
 * A number as French, German and Spanish write it: thousands grouped by spaces (also the narrow no-break
 * space), dots (de, es) or apostrophes, and a decimal comma: "120 000", "120.000", "7,1", "2,3".
 */
const NUMBER = /\d{1,3}(?:[ \u00a0\u202f.']\d{3})+(?:,\d+)?(?!\d)|\d+(?:,\d+)?/gu;

/** Parses one number written the continental way; null when it is not one. */
export function parseLocalizedNumber(text: string): number | null {
  const t = text.trim();
  if (!/^\d{1,3}(?:[ \u00a0\u202f.']\d{3})+(?:,\d+)?$|^\d+(?:,\d+)?$/u.test(t)) return null;
  return Number(t.replace(/[ \u00a0\u202f.']/gu, '').replace(',', '.'));
}

/**
 * The quantities of a French, German or Spanish sentence: "120 000" (one number, not two), "7,1 %" and
 * "7,1 Prozent", "2,3 millions" / "2,3 Millionen" / "2,3 millones", amounts in euros. Years (a bare four-digit
 * number from 1800 to 2100) and day-of-month dates ("14 novembre") are not quantities. A minimal hook for the
 * extractor of those languages; the English parser is separate (quantity-parser.ts).
 */
export function parseLocalizedQuantities(sentence: string, language: LocalizedLanguage): Quantity[] {
  const found: Quantity[] = [];
  const scales = SCALE[language];
  for (const m of sentence.matchAll(NUMBER)) {
    const raw = m[0];
    const start = m.index;
    const value = parseLocalizedNumber(raw);
    if (value === null) continue;
    const after = sentence.slice(start + raw.length);
    const next = /^[\s\u00a0\u202f]*([%€$]|[\p{L}]+(?:\s+[\p{L}]+)?)/u.exec(after);
    const word1 = next?.[1].toLowerCase().split(/\s+/)[0] ?? '';
    if (/^\d{4}$/.test(raw) && value >= 1800 && value <= 2100 && !next?.[1].startsWith('%')) continue;
    // "14 novembre", "3. März": a day of the month.
    const ordinalMonth = /^\.\s*(\p{L}+)/u.exec(after)?.[1].toLowerCase();
    if (isDateWord(word1) || (ordinalMonth && isDateWord(ordinalMonth))) continue;
    let end = start + raw.length;
    let scaled = value;
    let unit: string | undefined;
    const scale = scales[word1];
    if (scale) {
      scaled = value * scale;
      end += /^[\s\u00a0\u202f]*[\p{L}]+/u.exec(after)![0].length;
    }
    const rest = sentence.slice(end);
    const measure =
      /^[\s\u00a0\u202f]*(%|€|\$)/u.exec(rest) ??
      new RegExp(`^[\\s\\u00a0\\u202f]*(${PERCENT[language]}|euros?|dollars)\\b`, 'iu').exec(rest) ??
      (language !== 'fr' && /^[\s\u00a0\u202f]*(Euro)\b/u.exec(rest));
    if (measure) {
      const m1 = measure[1].toLowerCase();
      unit = m1 === '%' || m1 === PERCENT[language] ? '%' : (CURRENCY[m1] ?? m1);
      end += measure[0].length;
    }
    found.push({ text: sentence.slice(start, end).trim(), value: scaled, ...(unit ? { unit } : {}) });
  }
  return found;
}

const MONTHS = new Set(
  [
    'janvier février mars avril mai juin juillet août septembre octobre novembre décembre',
    'januar februar märz april mai juni juli august september oktober november dezember',
    'enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre de',
  ]
    .join(' ')
    .split(' '),
);

function isDateWord(word: string): boolean {
  return MONTHS.has(word) && word !== 'de';
}
