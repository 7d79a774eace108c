import { MONTHS, WEEKDAYS } from './abbreviations';
import type { Quantity } from './types';

interface Tok {
  text: string;
  lower: string;
  start: number;
  end: number;
  /** Part of a run of number words longer than any written number ("one one one ..."): read as no number. */
  inLongRun?: boolean;
}

interface NumberCore {
  value: number;
  /** Index after the last token consumed. */
  next: number;
  scaled: boolean;
  currency?: string;
  /** Written as words ("five", "a dozen"): only a quantity when something countable follows. */
  words: boolean;
  fraction: boolean;
  /** Bare 1000-2100 integer with no separator: possibly a year. */
  yearLike: boolean;
}

// "nine hundred and ninety-nine" is four tokens; a longer run of number words is noise, not a number.
const MAX_NUMBER_WORDS = 10;
const TOKEN = /US\$|[$€£¥]|%|\d[\d,]*(?:\.\d+)?[A-Za-z]*|[A-Za-z]+(?:['’-][A-Za-z]+)*|\S/g;

const SMALL: Record<string, number> = table({
  zero: 0,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  thirteen: 13,
  fourteen: 14,
  fifteen: 15,
  sixteen: 16,
  seventeen: 17,
  eighteen: 18,
  nineteen: 19,
  twenty: 20,
  thirty: 30,
  forty: 40,
  fifty: 50,
  sixty: 60,
  seventy: 70,
  eighty: 80,
  ninety: 90,
});
const SCALES: Record<string, number> = table({
  hundred: 1e2,
  thousand: 1e3,
  million: 1e6,
  billion: 1e9,
  trillion: 1e12,
  bn: 1e9,
  mn: 1e6,
  m: 1e6,
  k: 1e3,
  dozen: 12,
});
// Vague amounts: "dozens of", "tens of thousands of", "millions": at least two of the unit, nothing more known.
const VAGUE_PLURALS: Record<string, number> = table({
  dozens: 12,
  scores: 20,
  tens: 10,
  hundreds: 100,
  thousands: 1e3,
  millions: 1e6,
  billions: 1e9,
  trillions: 1e12,
});
// "several hundred", "a few thousand": the least the words allow, times the scale.
const VAGUE_COUNTS: Record<string, number> = table({ several: 3, few: 2, many: 2, some: 2 });
// With these a bare number word is an amount even with nothing counted after it: "kids under five".
const BOUND_QUALIFIERS = new Set([
  'under',
  'over',
  'below',
  'above',
  'at least',
  'at most',
  'up to',
  'more than',
  'less than',
  'fewer than',
  'as many as',
  'as few as',
  'nearly',
  'almost',
]);
const FRACTIONS: Record<string, number> = table({
  half: 2,
  halves: 2,
  third: 3,
  thirds: 3,
  quarter: 4,
  quarters: 4,
  fourth: 4,
  fourths: 4,
  fifth: 5,
  fifths: 5,
  tenth: 10,
  tenths: 10,
});
/**
 * Every quantity starts with a digit or one of these words (a number word, a scale, a vague plural, a fraction;
 * hyphenated number words contain one): a sentence with none of them is skipped with one scan. Most sentences
 * have none, and the full read cost stage 1 a sixth of its time.
 */
const MAY_HOLD_A_QUANTITY = new RegExp(
  `\\d|\\b(?:${[
    ...Object.keys(SMALL),
    ...Object.keys(SCALES).filter((k) => k.length > 2), // "m", "k", "bn" only ever follow a number
    ...Object.keys(VAGUE_PLURALS),
    ...Object.keys(FRACTIONS),
  ].join('|')})\\b`,
  'i',
);

const CURRENCY_SYMBOLS: Record<string, string> = table({ $: 'USD', us$: 'USD', '€': 'EUR', '£': 'GBP', '¥': 'JPY' });
const CURRENCY_WORDS: Record<string, string> = table({
  dollar: 'USD',
  dollars: 'USD',
  euro: 'EUR',
  euros: 'EUR',
  pound: 'GBP',
  pounds: 'GBP',
  yuan: 'CNY',
  renminbi: 'CNY',
  yen: 'JPY',
  rupee: 'INR',
  rupees: 'INR',
  rubles: 'RUB',
  roubles: 'RUB',
  francs: 'CHF',
});
// Longest first so "more than" wins over "more".
// prettier-ignore
const QUALIFIERS = [
  'as many as', 'as much as', 'as few as', 'in excess of', 'upwards of', 'more than', 'less than', 'fewer than',
  'at least', 'at most', 'up to', 'close to', 'just over', 'just under', 'well over', 'an estimated', 'nearly',
  'almost', 'about', 'around', 'approximately', 'roughly', 'some', 'over', 'under', 'only', 'estimated', 'below',
  'above', 'exactly',
].map((q) => q.split(' '));
// The qualifiers by their first word, so each token is checked against a few of them at most.
const QUALIFIERS_BY_FIRST = new Map<string, string[][]>();
for (const q of QUALIFIERS) QUALIFIERS_BY_FIRST.set(q[0], [...(QUALIFIERS_BY_FIRST.get(q[0]) ?? []), q]);
const UNIT_STOP = new Set(
  (
    'a an the of in on at to for from by with over under and or but than that which who whom whose is are was were be ' +
    'been being had has have will would can could may might must should shall did do does per since during before ' +
    'after this these those its their his her our it they he she we you i as into through last next ago each every ' +
    'more less fewer about up down out so if while when not no only also just still said says say told between ' +
    'among against without within across via like because whereas where what how why then there here than went came ' +
    'got made took gave saw lost won paid left fell rose grew died live lived work worked get go goes are'
  ).split(' '),
);
// prettier-ignore
const TIME_UNITS = new Set([
  'year', 'years', 'month', 'months', 'week', 'weeks', 'day', 'days', 'decade', 'decades', 'hour', 'hours', 'minute',
  'minutes', 'century', 'centuries',
]);
const TIME_FRAME_BEFORE = new Set(['past', 'last', 'next', 'previous', 'coming', 'recent', 'first', 'final', 'few']);
// prettier-ignore
const YEAR_BEFORE = new Set([
  'in', 'since', 'by', 'until', 'till', 'of', 'from', 'to', 'between', 'and', 'during', 'before', 'after', 'year',
  'fiscal', 'early', 'late', 'mid', 'summer', 'winter', 'spring', 'autumn', 'fall', 'circa', 'through',
]);

/**
 * A lookup table without a prototype: with `{}`, "constructor" was `in` the table (and `SMALL.constructor` a
 * function), so the word "constructor" read as a number word whose value was a string.
 */
/** Most words of four letters or more start with a capital (and not all of them are capitals). */
function isTitleCase(toks: Tok[]): boolean {
  const words = toks.filter((t) => /^[A-Za-z]{4,}$/.test(t.text));
  const capital = words.filter((t) => /^[A-Z][a-z]/.test(t.text)).length;
  return words.length >= 3 && capital >= 0.8 * words.length;
}

function table<T>(entries: Record<string, T>): Record<string, T> {
  return Object.assign(Object.create(null) as Record<string, T>, entries);
}

/** Finds quantities in one sentence: numbers, ranges, percentages and money, with approximators and the unit. */
export class QuantityParser {
  /** The sentence being parsed is in Title Case (a headline): a capital before a number says nothing there. */
  private titleCase = false;

  parse(sentence: string): Quantity[] {
    if (!MAY_HOLD_A_QUANTITY.test(sentence)) return [];
    const toks = this.tokenize(sentence);
    this.titleCase = isTitleCase(toks);
    const out: Quantity[] = [];
    let i = 0;
    while (i < toks.length) {
      const q = this.readAt(sentence, toks, i);
      if (q) {
        out.push(q.quantity);
        i = q.next;
      } else {
        i++;
      }
    }
    return out;
  }

  private tokenize(s: string): Tok[] {
    const toks: Tok[] = [];
    TOKEN.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = TOKEN.exec(s)))
      toks.push({ text: m[0], lower: m[0].toLowerCase(), start: m.index, end: m.index + m[0].length });
    this.markLongRuns(toks);
    return toks;
  }

  /**
   * Marks the runs of number words longer than MAX_NUMBER_WORDS, each read once here. Without it the reader
   * re-read the rest of such a run from every one of its words: quadratic in the run.
   */
  private markLongRuns(toks: Tok[]): void {
    let i = 0;
    while (i < toks.length) {
      if (!isNumberWord(toks[i].lower)) {
        i++;
        continue;
      }
      // The same steps as the loop of readNumberWords, so a run ends where that loop would stop.
      let j = i + 1;
      while (
        j < toks.length &&
        (isNumberWord(toks[j].lower) ||
          toks[j].lower === 'hundred' ||
          (toks[j].lower === 'and' && toks[j + 1] && isNumberWord(toks[j + 1].lower)))
      )
        j++;
      if (j - i > MAX_NUMBER_WORDS) for (let k = i; k < j; k++) toks[k].inLongRun = true;
      i = j;
    }
  }

  private readAt(s: string, toks: Tok[], i: number): { quantity: Quantity; next: number } | null {
    const begin = i;
    let qualifier: string | undefined;
    for (const q of QUALIFIERS_BY_FIRST.get(toks[i].lower) ?? []) {
      if (q.every((w, k) => toks[i + k]?.lower === w)) {
        qualifier = s.slice(toks[i].start, toks[i + q.length - 1].end);
        i += q.length;
        break;
      }
    }
    let rangeWord: 'from' | 'between' | undefined;
    if (toks[i]?.lower === 'from' || toks[i]?.lower === 'between') {
      rangeWord = toks[i].lower as 'from' | 'between';
      i++;
    }
    if (!rangeWord) {
      const vague = this.readVague(s, toks, i, begin, qualifier);
      if (vague) return vague;
    }
    const a = this.readNumber(toks, i);
    if (!a) return null;
    if (qualifier === undefined && rangeWord === undefined && this.isNotAQuantity(toks, begin, a)) return null;
    let j = a.next;
    let b: NumberCore | null = null;
    const conn = toks[j]?.lower;
    const adjacent = toks[j] && toks[j].start === toks[j - 1].end; // "2,400-3,500"
    if (
      (conn === 'to' && rangeWord !== 'between') ||
      (conn === 'and' && rangeWord === 'between') ||
      ((conn === '-' || conn === '–') && adjacent)
    ) {
      b = this.readNumber(toks, j + 1);
      if (b && !b.yearLike) j = b.next;
      else b = null;
    }
    if (rangeWord && !b) return null; // "from 2019" is not a quantity
    if (b && !a.scaled && b.scaled && a.value < b.value)
      a.value *= b.value >= 1e12 ? 1e12 : b.value >= 1e9 ? 1e9 : b.value >= 1e6 ? 1e6 : b.value >= 1e3 ? 1e3 : 1;
    let unit = a.currency ?? b?.currency;
    let percent = false;
    if (toks[j]?.text === '%') {
      unit = '%';
      percent = true;
      j++;
    } else if (toks[j]?.lower === 'percent' || (toks[j]?.lower === 'per' && toks[j + 1]?.lower === 'cent')) {
      unit = '%';
      percent = true;
      j += toks[j].lower === 'per' ? 2 : 1;
    } else if (toks[j]?.lower === 'percentage' && /^points?$/.test(toks[j + 1]?.lower ?? '')) {
      unit = 'percentage points';
      percent = true;
      j += 2;
    } else if (!unit && toks[j] && CURRENCY_WORDS[toks[j].lower]) {
      unit = CURRENCY_WORDS[toks[j].lower];
      j++;
    }
    let counted: string | undefined;
    if (!unit || a.fraction) {
      const r = this.readUnit(s, toks, a.fraction && toks[j]?.lower === 'of' ? j + 1 : j);
      counted = r.unit;
      if (counted) j = r.next;
    }
    const strong = !!unit || a.scaled || !!b || a.fraction;
    let before: Tok | undefined; // "kids" in "kids under five"
    if (!strong) {
      if (!counted && a.words && qualifier && BOUND_QUALIFIERS.has(qualifier.toLowerCase())) {
        const prev = toks[begin - 1];
        if (prev && /^[a-z]+s$/.test(prev.text) && !UNIT_STOP.has(prev.lower)) before = prev;
      } else if (!counted && a.words && toks[j - 1].lower === 'dozen') {
        // "arrested a dozen": a dozen is an amount by itself
      } else if (!counted) {
        // A bare number word ("one of them") or a year-like number with nothing counted is not a quantity.
        if (a.words || a.yearLike) return null;
      } else if (a.yearLike && YEAR_BEFORE.has(toks[begin - 1]?.lower ?? '')) {
        return null;
      }
      if (counted && TIME_UNITS.has(counted.split(' ').pop()!) && TIME_FRAME_BEFORE.has(toks[begin - 1]?.lower ?? '')) {
        return null; // "over the past five years" frames the claim in time; it is not what is counted
      }
    }
    const q: Quantity = { text: s.slice((before ?? toks[begin]).start, toks[j - 1].end) };
    if (b) {
      q.min = Math.min(a.value, b.value);
      q.max = Math.max(a.value, b.value);
    } else {
      q.value = a.value;
    }
    if (unit || counted) q.unit = percent || !counted ? unit : counted;
    if (before) q.unit = before.text;
    if (unit && counted && !percent) q.unit = unit; // money: the currency is the unit
    if (qualifier) q.qualifier = qualifier;
    return { quantity: q, next: j };
  }

  /** Years, dates, times, ordinals and model names ("Boeing 737", "COVID-19") look like numbers but are not. */
  private isNotAQuantity(toks: Tok[], begin: number, a: NumberCore): boolean {
    const prev = toks[begin - 1];
    const next = toks[a.next];
    if (a.currency) return false;
    if (prev && (MONTHS.has(prev.lower.replace(/\.$/, '')) || WEEKDAYS.has(prev.lower))) return true;
    if (next && MONTHS.has(next.lower)) return true;
    if (next && (next.text === ':' || /^(am|pm|a\.m|p\.m|gmt|utc|o'clock|hrs)$/.test(next.lower))) return true;
    if (next && /^[ap]$/.test(next.lower) && toks[a.next + 1]?.text === '.') return true; // "5 p.m."
    if (prev && prev.text === ':' && /\d$/.test(toks[begin - 2]?.text ?? '')) return true; // "05:40"
    if (prev && prev.text === '.' && MONTHS.has(toks[begin - 2]?.lower ?? '')) return true; // "Jan. 3"
    // "Boeing 737", but not "Flood Kills 40 People".
    if (!a.words && !this.titleCase && prev && /^[A-Z]/.test(prev.text) && begin - 1 > 0 && !/^[A-Z]+$/.test(prev.text))
      return true;
    if (!a.words && prev && (prev.text === '-' || prev.text === '#') && prev.start === toks[begin - 2]?.end)
      return true;
    if (
      !a.words &&
      prev &&
      prev.text === '-' &&
      toks[begin - 2] &&
      /[A-Za-z]$/.test(toks[begin - 2].text) &&
      prev.end === toks[begin].start
    )
      return true;
    return false;
  }

  /**
   * A vague amount: "millions of deaths", "tens of thousands of jobs", "dozens", "several hundred people",
   * "a few thousand troops". Known: the least it can be (`min`), marked `approximate`.
   */
  private readVague(
    s: string,
    toks: Tok[],
    i: number,
    begin: number,
    qualifier: string | undefined,
  ): { quantity: Quantity; next: number } | null {
    const t = toks[i];
    if (!t) return null;
    let j = i;
    let least: number;
    if (VAGUE_PLURALS[t.lower]) {
      // "tens of thousands of", "hundreds of millions": each further plural multiplies.
      least = 2 * VAGUE_PLURALS[t.lower];
      j++;
      while (toks[j]?.lower === 'of' && VAGUE_PLURALS[toks[j + 1]?.lower ?? ''] && j - i < 8) {
        least *= VAGUE_PLURALS[toks[j + 1].lower];
        j += 2;
      }
      // "scores" and "tens" alone are other words ("test scores", "tens digit"): only with "of" after them.
      if ((t.lower === 'scores' || t.lower === 'tens') && toks[j]?.lower !== 'of') return null;
    } else {
      const a = t.lower === 'a' && toks[i + 1]?.lower === 'few' ? 1 : 0;
      const count = VAGUE_COUNTS[toks[i + a].lower];
      const scale = SCALES[toks[i + a + 1]?.lower ?? ''];
      if (!count || !scale || toks[i + a + 1].lower.length < 5) return null; // "dozen" and up, not "m"/"k"
      least = count * scale;
      j = i + a + 2;
    }
    const q: Quantity = { text: '', min: least, approximate: true };
    let unit: string | undefined;
    if (toks[j]?.lower === 'of' && CURRENCY_WORDS[toks[j + 1]?.lower ?? '']) {
      unit = CURRENCY_WORDS[toks[j + 1].lower];
      j += 2;
    } else if (!VAGUE_PLURALS[t.lower] || toks[j]?.lower === 'of') {
      // "millions of deaths", "several hundred people"; "Thousands marched" counts nothing named.
      const r = this.readUnit(s, toks, toks[j]?.lower === 'of' ? j + 1 : j);
      if (r.unit) {
        unit = r.unit;
        j = r.next;
      }
    }
    if (unit) q.unit = unit;
    if (qualifier) q.qualifier = qualifier;
    q.text = s.slice(toks[begin].start, toks[j - 1].end);
    return { quantity: q, next: j };
  }

  private readNumber(toks: Tok[], i: number): NumberCore | null {
    let currency: string | undefined;
    const t0 = toks[i];
    if (!t0) return null;
    if (CURRENCY_SYMBOLS[t0.lower]) {
      currency = CURRENCY_SYMBOLS[t0.lower];
      i++;
    }
    const t = toks[i];
    if (!t) return null;
    let value: number;
    let words = false;
    let fraction = false;
    let scaled = false;
    let yearLike = false;
    const num = /^(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?([A-Za-z]*)$/.exec(t.text);
    if (num) {
      const suffix = num[3].toLowerCase();
      if (suffix && !(suffix in SCALES)) return null; // ordinals (05th), decades (1990s), codes (4G)
      if (num[1].includes(',') && !/^\d{1,3}(,\d{3})+$/.test(num[1])) return null;
      value = parseFloat((num[1] + (num[2] ?? '')).replace(/,/g, ''));
      yearLike = !num[1].includes(',') && !num[2] && !suffix && num[1].length === 4 && value >= 1000 && value <= 2100;
      if (suffix) {
        value *= SCALES[suffix];
        scaled = true;
      }
      i++;
    } else {
      const w = this.readNumberWords(toks, i);
      if (!w) return null;
      ({ value, fraction } = w);
      words = true;
      i = w.next;
    }
    // "3.5 million", "five hundred thousand"
    while (
      toks[i] &&
      SCALES[toks[i].lower] &&
      toks[i].lower.length > 1 &&
      !(words && toks[i].lower === 'hundred' && scaled)
    ) {
      value *= SCALES[toks[i].lower];
      scaled = true;
      i++;
    }
    if (scaled) yearLike = false;
    return { value, next: i, scaled, currency, words: words && !scaled && !currency, fraction, yearLike };
  }

  /** "five", "twenty-five", "a dozen", "a million", "two-thirds", "half". */
  private readNumberWords(toks: Tok[], i: number): { value: number; next: number; fraction: boolean } | null {
    const t = toks[i];
    // Most tokens are no number word: only these can start one.
    if (!(t.lower in SMALL) && !t.lower.includes('-') && t.lower !== 'a' && t.lower !== 'half' && t.lower !== 'dozen')
      return null;
    const frac = /^(one|two|three|four|five|a)[- ](half|halves|thirds?|quarters?|fourths?|fifths?|tenths?)$/.exec(
      t.lower,
    );
    if (frac)
      return { value: (frac[1] === 'a' ? 1 : SMALL[frac[1]]) / FRACTIONS[frac[2]], next: i + 1, fraction: true };
    if (t.lower === 'half' && toks[i + 1]?.lower === 'of') return { value: 0.5, next: i + 1, fraction: true };
    // "half a million": the scale loop of readNumber multiplies
    if (t.lower === 'half' && toks[i + 1]?.lower === 'a' && (SCALES[toks[i + 2]?.lower ?? ''] ?? 0) >= 1e3)
      return { value: 0.5, next: i + 2, fraction: false };
    if ((t.lower === 'a' || t.lower === 'one') && FRACTIONS[toks[i + 1]?.lower ?? ''] && toks[i + 2]?.lower === 'of') {
      return { value: 1 / FRACTIONS[toks[i + 1].lower], next: i + 2, fraction: true };
    }
    if (t.lower === 'a' && toks[i + 1]?.lower === 'dozen') return { value: 12, next: i + 2, fraction: false };
    if (t.lower === 'a' && SCALES[toks[i + 1]?.lower ?? ''] && toks[i + 1].lower.length > 2) {
      return { value: SCALES[toks[i + 1].lower], next: i + 2, fraction: false };
    }
    if (t.lower === 'dozen') return { value: 12, next: i + 1, fraction: false };
    if (t.inLongRun) return null;
    let total = 0;
    let current = 0;
    let j = i;
    let any = false;
    while (toks[j]) {
      if (isNumberWord(toks[j].lower)) {
        for (const p of toks[j].lower.split('-')) current += SMALL[p];
        any = true;
        j++;
      } else if (any && toks[j].lower === 'hundred') {
        current *= 100;
        j++;
      } else if (any && toks[j].lower === 'and' && toks[j + 1] && isNumberWord(toks[j + 1].lower)) {
        j++;
      } else {
        break;
      }
    }
    if (!any) return null;
    total += current;
    return { value: total, next: j, fraction: false };
  }

  /** The counted noun phrase right after the number: "confidentiality orders", "Chinese companies". */
  private readUnit(s: string, toks: Tok[], i: number): { unit?: string; next: number } {
    let j = i;
    if (toks[j]?.lower === 'the' && toks[i - 1]?.lower === 'of') j++;
    const first = j;
    while (j < toks.length && j - first < 3) {
      const t = toks[j];
      if (!/^[A-Za-z]+(?:['’-][A-Za-z]+)*$/.test(t.text) || UNIT_STOP.has(t.lower) || MONTHS.has(t.lower)) break;
      if (j > first && /(?:ed|ing|ly)$/.test(t.lower) && !/^[A-Z]/.test(t.text)) break;
      j++;
      // A noun phrase usually ends at a plural noun: "3,500 confidentiality orders over ..." stops at "orders".
      if (/[a-z]s$/.test(t.text) && !/(?:ss|us|is)$/.test(t.lower)) break;
    }
    if (j === first) return { next: i };
    return { unit: s.slice(toks[first].start, toks[j - 1].end), next: j };
  }
}

/** "five", "twenty-five" (every hyphenated part a number word). */
function isNumberWord(lower: string): boolean {
  if (!lower.includes('-')) return lower in SMALL; // most tokens: no array built
  return lower.split('-').every((p) => p in SMALL);
}
