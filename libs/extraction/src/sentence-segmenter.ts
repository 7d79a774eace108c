import { MONTHS, PREFIX_ABBREVIATIONS, SENTENCE_OPENERS, SUFFIX_ABBREVIATIONS } from './abbreviations';
import { decodeEntities } from './html-entities';

/** One sentence of an article body, with exact offsets into it. */
export interface Segment {
  /** `body.slice(start, end)`. */
  text: string;
  start: number;
  end: number;
  /** The sentence to analyse: `text` with leftover HTML entities decoded and a list marker ("- ", "2. ") left out. */
  plain: string;
  /** Index of the paragraph (line block) the sentence belongs to. */
  paragraph: number;
  /** A quotation opened in an earlier sentence is still open when this one starts. */
  quoteOpenAtStart: boolean;
  /** A quotation is still open after this sentence (it continues into the next one). */
  quoteOpenAtEnd: boolean;
}

export interface Block {
  start: number;
  end: number;
}

// City in capitals, optional ", July 5", then "(Agency ...)" and/or a dash: the usual wire-copy dateline.
const DATELINE =
  /^[A-Z]{2}[A-Z'.-]*(?: [A-Z][A-Z'.-]+){0,3}(?:, [A-Z][A-Za-z.]+(?: [A-Za-z0-9.,]+){0,3})?\s*(?:\([^()\n]{1,120}\)\s*(?:[-–—]{1,2}\s*)?|[-–—]{1,2}\s+)/;
// Lines that are positively metadata, never prose; every other line is text to read.
const MONTH = '(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\\.?';
const WEEKDAY = '(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\\.?,?';
const TIME = '(?:\\s*(?:[|,@-]|at)?\\s*\\d{1,2}[:.]\\d{2}(?:\\s*[ap]\\.?m\\.?)?(?:\\s*[A-Z]{2,4}|\\s*GMT[+-]?\\d*)?)?';
const DATE =
  `(?:${WEEKDAY}\\s+)?(?:\\d{1,2}(?:st|nd|rd|th)?\\s+${MONTH},?\\s+\\d{4}|${MONTH}\\s+\\d{1,2}(?:st|nd|rd|th)?,?\\s+\\d{4}` +
  `|\\d{4}-\\d{2}-\\d{2}(?:[T ]\\d{2}:\\d{2}(?::\\d{2})?Z?)?|\\d{1,2}[/.]\\d{1,2}[/.]\\d{2,4})${TIME}`;
const DATE_LINE = new RegExp(
  `^(?:(?:published|updated|posted|last updated|first published)(?:\\s+on)?:?\\s*)?${DATE}(?:\\s*(?:[|,;]|updated:?)\\s*${DATE})?\\s*$`,
  'i',
);
const META_LINE = /^date \d{4}-\d{2}-\d{2}\b/i;
// "By Jane Doe", "By Jane Doe and John Roe, Reuters", "By JANE DOE | AP": names only, no verb, no period.
const BYLINE =
  /^[Bb]y\s+[A-Z][\w'’.-]*(?:\s+(?:[A-Z][\w'’.-]*|van|von|de|da|del|der|la|le|bin|al|and|&))*(?:\s*(?:[,|/]|and)\s*[A-Z][\w'’.-]*(?:\s+(?:[A-Z][\w'’.-]*|and|&|of|the))*)*\s*$/;
const SOURCE_LINE =
  /^(?:sources?|photo(?: credit)?s?|image(?: credit)?s?|credits?|copyright|©|\(c\)|(?:additional )?reporting by|editing by|writing by|compiled by|read more|related|advertisement|follow us|share this|listen to this article)\b\s*[:|-]?/i;
const MAX_META_WORDS = 16;
// A list marker opening a line: "- ", "* ", "• ", "1. ", "2) ", "(3) ", "a) ".
const LIST_MARKER = /^(?:[-*•·▪‣◦–—]|\d{1,3}[.)]|\(\d{1,3}\)|[a-z]\))\s+/;
// Sentence-final punctuation, optionally followed by closing quotes or brackets.
const TERMINAL = /[.!?…]+["”’')\]]*/g;
const ENDS_LIKE_SENTENCE = /[.!?…:;]["”’')\]]*\s*$|["”]\s*$/;
// A line ending on a comma, a dash or a word that cannot end a sentence goes on on the next line.
const ENDS_UNFINISHED =
  /(?:[,(–—-]|\b(?:and|or|but|nor|the|a|an|of|to|by|in|on|at|for|with|from|that|which|who|as|than|its|their|his|her|our|is|are|was|were|be|has|have|had|will|would|said|says|says that|said that))\s*$/;
const DATELINE_BLOCKS = 3;

interface Line extends Block {
  marker: number; // length of the list marker at the line's start (0: none)
  quoteOpen: boolean; // a double quotation is open at the end of the line
}

/**
 * Rule-based sentence splitter for news copy. Keeps exact offsets (wink's own splitter does not expose them), and
 * never silently drops text: every line is read, except lines that are positively metadata (a dateline alone, a
 * date line, a byline, a source or credit line). A line without final punctuation ends its sentence (headlines,
 * transcripts, posts, list items) unless the sentence visibly goes on (soft wraps, open quotes, a trailing "and").
 * Knows abbreviations, multi-sentence quotes, list markers and leftover HTML entities.
 */
export class SentenceSegmenter {
  segment(body: string): Segment[] {
    const { text: d, map } = decodeEntities(body);
    const at = map ? (i: number) => map[i] : (i: number) => i;
    const out: Segment[] = [];
    let inQuote = false;
    let paragraph = 0;
    for (const block of this.paragraphs(d)) {
      let start = block.start;
      if (paragraph < DATELINE_BLOCKS) {
        const m = DATELINE.exec(d.slice(start, Math.min(block.end, start + 400)));
        // The dateline is metadata, not part of the first sentence; only strip it when a sentence follows.
        if (m && /^["“A-Z0-9]/.test(d.slice(start + m[0].length, start + m[0].length + 1))) start += m[0].length;
      }
      // A quote left open by the previous paragraph that this one re-opens stays one quote (news convention).
      for (const [s, e] of this.splitBlock(d, start, block.end)) {
        const startState = inQuote;
        inQuote = this.quoteStateAfter(d, s, e, inQuote);
        const bs = at(s);
        const be = at(e);
        out.push({
          text: body.slice(bs, be),
          start: bs,
          end: be,
          plain: d.slice(s, e),
          paragraph,
          quoteOpenAtStart: startState,
          quoteOpenAtEnd: inQuote,
        });
      }
      paragraph++;
    }
    return out;
  }

  /** Line blocks to split into sentences (offsets into `text`), list markers left out, metadata lines dropped. */
  paragraphs(text: string): Block[] {
    const merged: Block[] = [];
    let last: Line | null = null; // the last line merged: a block ends like its last line (lines are trimmed)
    let lastEnd = 0;
    const re = /[^\r\n]+/g;
    let m: RegExpExecArray | null;
    while ((m = re.exec(text))) {
      let s = m.index;
      let e = s + m[0].length;
      while (s < e && /\s/.test(text[s])) s++;
      while (e > s && /\s/.test(text[e - 1])) e--;
      if (e === s) continue;
      if (this.isMetadata(text, s, e)) {
        last = null; // a metadata line ends the block before it
        continue;
      }
      const marker = LIST_MARKER.exec(text.slice(s, Math.min(e, s + 8)))?.[0].length ?? 0;
      const line: Line = { start: s, end: e, marker, quoteOpen: this.quoteStateAfter(text, s, e, false) };
      const prev = merged[merged.length - 1];
      if (prev && last && !marker && !/\n[^\S\n]*\r?\n/.test(text.slice(lastEnd, s)) && this.continues(text, last, s)) {
        prev.end = e;
        // The block's quote state after this line: open if it was open and not closed, or opened here.
        line.quoteOpen = this.quoteStateAfter(text, s, e, last.quoteOpen);
      } else {
        merged.push({ start: s + marker, end: e });
      }
      last = line;
      lastEnd = e;
    }
    return merged.filter((b) => b.end > b.start);
  }

  /** Whether the line ending `last` runs on into the line starting at `next` (one sentence over two lines). */
  private continues(text: string, last: Line, next: number): boolean {
    const tail = text.slice(Math.max(last.start, last.end - 24), last.end);
    if (ENDS_LIKE_SENTENCE.test(tail)) return false;
    const c = text[next];
    // A soft wrap: a lower-case word goes on. An open quote or an unfinished clause goes on whatever follows.
    return /[a-z]/.test(c) || last.quoteOpen || ENDS_UNFINISHED.test(tail);
  }

  /** A line that is only metadata: the `date YYYY-MM-DD source` line, a date line, a byline, a source line. */
  isMetadata(text: string, s: number, e: number): boolean {
    if (e - s > 200) return false;
    const line = text.slice(s, e);
    if (META_LINE.test(line)) return true;
    if (line.split(/\s+/).length > MAX_META_WORDS) return false;
    if (DATE_LINE.test(line) || BYLINE.test(line) || SOURCE_LINE.test(line)) return true;
    const dl = DATELINE.exec(line); // "WASHINGTON (Reuters) -" alone on its line
    return dl !== null && dl[0].length === line.length;
  }

  private splitBlock(body: string, start: number, end: number): Array<[number, number]> {
    const spans: Array<[number, number]> = [];
    const text = body.slice(start, end);
    let from = 0;
    TERMINAL.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = TERMINAL.exec(text))) {
      const stop = m.index + m[0].length;
      let next = stop;
      while (next < text.length && /\s/.test(text[next])) next++;
      if (next === stop && next < text.length) continue; // "3.5", "U.S.-China", "example.com"
      if (next < text.length && !this.isBoundary(text, m.index, m[0], next)) continue;
      spans.push([start + from, start + stop]);
      from = next;
    }
    if (from < text.length) spans.push([start + from, end]);
    return spans;
  }

  /** Decides whether punctuation `punct` at `at`, with the next sentence candidate at `next`, ends a sentence. */
  private isBoundary(text: string, at: number, punct: string, next: number): boolean {
    const nextChar = text[next];
    if (!/[A-Z0-9"“‘'([]/.test(nextChar)) return false; // "... Ltd. and ...", "e.g. lower-case"
    if (punct[0] !== '.' || /^\.{2,}|…/.test(punct)) return true;
    const word = /[A-Za-z.]*$/.exec(text.slice(Math.max(0, at - 20), at))![0].replace(/^\.+/, '');
    if (!word) return true;
    const lower = word.toLowerCase();
    const nextWord = /^["“‘'([]*([A-Za-z']+)/.exec(text.slice(next))?.[1] ?? '';
    const opener = SENTENCE_OPENERS.has(nextWord.toLowerCase()) && /^[A-Z]/.test(nextWord);
    if (/^[A-Z]$/.test(word)) return false; // middle initial: "John F. Kennedy"
    if (lower === 'no' || MONTHS.has(lower)) return !/^\d/.test(nextChar) && opener;
    if (PREFIX_ABBREVIATIONS.has(lower)) return false;
    // "U.S.", "a.m.", "Corp.": a sentence may end there, but usually does not.
    if (/^([A-Za-z]\.)+[A-Za-z]$/.test(word) || SUFFIX_ABBREVIATIONS.has(lower)) return opener;
    return true;
  }

  /** Tracks double quotes (straight or curly) to know whether a quotation is open after `[s, e)`. */
  private quoteStateAfter(body: string, s: number, e: number, open: boolean): boolean {
    for (let i = s; i < e; i++) {
      const c = body[i];
      if (c === '“') open = true;
      else if (c === '”') open = false;
      else if (c === '"') {
        // Opening when it starts the sentence or follows a space; news re-opens a continuing quote per paragraph.
        open = i === s || /[\s([—–-]/.test(body[i - 1]);
      }
    }
    return open;
  }
}
