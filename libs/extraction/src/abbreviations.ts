/** Word lists shared by the segmenter and the parsers. Lower-case, without the trailing period. */

/** Abbreviations that never end a sentence: they always precede a name or a number. */
// prettier-ignore
export const PREFIX_ABBREVIATIONS = new Set([
  'mr', 'mrs', 'ms', 'dr', 'prof', 'sen', 'rep', 'gov', 'gen', 'col', 'lt', 'sgt', 'capt', 'cmdr', 'adm', 'maj', 'st',
  'mt', 'ft', 'rev', 'hon', 'pres', 'supt', 'insp', 'det', 'cpl', 'pvt', 'no', 'nos', 'vs', 'v', 'art', 'fig', 'vol',
  'pp', 'p', 'ch', 'sec', 'approx', 'ca', 'e.g', 'i.e', 'cf', 'messrs', 'mme', 'mlle', 'gens', 'jan', 'feb', 'mar',
  'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec',
]);

/**
 * Abbreviations that may end a sentence ("... Apple Inc. The firm ..."): a boundary only when the next word is a
 * typical sentence opener.
 */
// prettier-ignore
export const SUFFIX_ABBREVIATIONS = new Set([
  'inc', 'corp', 'co', 'ltd', 'llc', 'plc', 'bros', 'jr', 'sr', 'etc', 'al', 'dept', 'univ', 'assn', 'ave', 'blvd',
  'rd', 'est', 'govt', 'mins', 'hrs', 'yrs', 'a.m', 'p.m',
]);

/** Words that commonly open a sentence; after an ambiguous abbreviation they signal a boundary. */
// prettier-ignore
export const SENTENCE_OPENERS = new Set([
  'the', 'a', 'an', 'he', 'she', 'it', 'they', 'we', 'i', 'you', 'this', 'that', 'these', 'those', 'there', 'but',
  'and', 'or', 'so', 'yet', 'in', 'on', 'at', 'for', 'if', 'when', 'while', 'after', 'before', 'as', 'his', 'her',
  'its', 'their', 'our', 'my', 'however', 'meanwhile', 'also', 'still', 'then', 'now', 'since', 'although', 'though',
  'because', 'what', 'who', 'why', 'how', 'where', 'some', 'many', 'most', 'all', 'one', 'both', 'each', 'no', 'not',
  'last', 'earlier', 'later', 'under', 'according', 'with', 'from', 'by', 'to',
]);

// prettier-ignore
export const MONTHS = new Set([
  'january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november',
  'december', 'jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec',
]);

// prettier-ignore
export const WEEKDAYS = new Set([
  'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday', 'mon', 'tue', 'tues', 'wed', 'thu',
  'thur', 'thurs', 'fri', 'sat', 'sun',
]);
