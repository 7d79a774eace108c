/**
 * ts_headline marks matches with characters from Unicode's private use area (stripped from the text first), so
 * the text itself can be HTML-escaped here and the marks turned into <mark> afterwards: a fragment is safe to
 * render as HTML whatever the claim or article contains.
 */
export const START = '\uE000';
export const STOP = '\uE001';
export const FRAGMENT = '\uE002';
export const MARKS = START + STOP + FRAGMENT;

const SHORT = 'MaxWords=60, MinWords=20, MaxFragments=0';
const LONG = 'MaxWords=25, MinWords=10, MaxFragments=3';
const marks = `StartSel="${START}", StopSel="${STOP}", FragmentDelimiter="${FRAGMENT}"`;
/** ts_headline options for one-sentence fields (claim text, summaries, titles) and for article bodies. */
export const HEADLINE_SHORT = `${marks}, ${SHORT}`;
export const HEADLINE_LONG = `${marks}, ${LONG}`;

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** The HTML fragments of one ts_headline answer, or none when it marks no match. */
export function fragments(headline: string | null): string[] {
  if (!headline || !headline.includes(START)) return [];
  return headline
    .split(FRAGMENT)
    .filter((f) => f.includes(START))
    .map((f) =>
      f
        .trim()
        .replace(/[&<>"']/g, (ch) => ESCAPES[ch])
        .replaceAll(START, '<mark>')
        .replaceAll(STOP, '</mark>'),
    );
}
