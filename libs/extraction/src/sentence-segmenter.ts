import { MONTHS, PREFIX_ABBREVIATIONS, SENTENCE_OPENERS, SUFFIX_ABBREVIATIONS } from './abbreviations';

/** One sentence of an article body, with exact offsets into it. */
export interface Segment {
  /** `body.slice(start, end)`. */
  text: string;
  start: number;
  end: number;
  /** Index of the paragraph (non-header line block) the sentence belongs to. */
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
const META_LINE = /^\s*date \d{4}-\d{2}-\d{2}\b/;
// Sentence-final punctuation, optionally followed by closing quotes or brackets.
const TERMINAL = /[.!?…]+["”’')\]]*/g;
const ENDS_LIKE_SENTENCE = /[.!?…:;]["”’')\]]*\s*$|["”]\s*$/;
const MAX_HEADER_WORDS = 40;

/**
 * Rule-based sentence splitter for news copy. Keeps exact offsets (wink's own splitter does not expose them),
 * skips header lines (title, date line) and the wire dateline, and knows abbreviations and multi-sentence quotes.
 */
export class SentenceSegmenter {
  segment(body: string): Segment[] {
    const out: Segment[] = [];
    const blocks = this.paragraphs(body);
    let inQuote = false;
    let paragraph = 0;
    let first = true;
    for (const block of blocks) {
      let start = block.start;
      if (first) {
        const m = DATELINE.exec(body.slice(start, block.end));
        // The dateline is metadata, not part of the first sentence; only strip it when a sentence follows.
        if (m && /^["“A-Z0-9]/.test(body.slice(start + m[0].length, start + m[0].length + 1))) start += m[0].length;
        first = false;
      }
      // A quote left open by the previous paragraph that this one re-opens stays one quote (news convention).
      for (const [s, e] of this.splitBlock(body, start, block.end)) {
        const startState = inQuote;
        inQuote = this.quoteStateAfter(body, s, e, inQuote);
        out.push({
          text: body.slice(s, e),
          start: s,
          end: e,
          paragraph,
          quoteOpenAtStart: startState,
          quoteOpenAtEnd: inQuote,
        });
      }
      paragraph++;
    }
    return out;
  }

  /** Non-empty line blocks that read like prose; soft-wrapped lines are joined, header lines dropped. */
  paragraphs(body: string): Block[] {
    const lines: Block[] = [];
    const re = /[^\r\n]+/g;
    let m: RegExpExecArray | null;
    while ((m = re.exec(body))) {
      let s = m.index;
      let e = s + m[0].length;
      while (s < e && /\s/.test(body[s])) s++;
      while (e > s && /\s/.test(body[e - 1])) e--;
      if (e > s) lines.push({ start: s, end: e });
    }
    const merged: Block[] = [];
    let last: Block | null = null; // the last line merged: a block ends like its last line (lines are trimmed)
    for (const line of lines) {
      const prev = merged[merged.length - 1];
      const gap = prev ? body.slice(prev.end, line.start) : '';
      // A single newline inside an unfinished sentence followed by a lower-case word is a soft wrap.
      // Only the last line is tested, not the growing block: re-testing the block made 'a\n' x 100,000 quadratic.
      if (
        prev &&
        !/\n\s*\n/.test(gap) &&
        !ENDS_LIKE_SENTENCE.test(body.slice(last!.start, last!.end)) &&
        /^[a-z]/.test(body[line.start])
      ) {
        prev.end = line.end;
      } else {
        merged.push({ ...line });
      }
      last = line;
    }
    return merged.filter((b) => !this.isHeader(body.slice(b.start, b.end)));
  }

  /** Title lines, date lines and the `date YYYY-MM-DD source` meta line carry no sentence punctuation. */
  isHeader(text: string): boolean {
    if (META_LINE.test(text)) return true;
    if (ENDS_LIKE_SENTENCE.test(text)) return false;
    return text.split(/\s+/).length <= MAX_HEADER_WORDS;
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
