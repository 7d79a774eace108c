/**
 * Article bodies built to hit the extractor's worst cases (issue 16), generated on demand so no megabytes are
 * committed. Every body is exactly `size` characters; `normal` is the seed article repeated with varied numbers
 * and names, the yardstick the others are measured against.
 */
import { readFileSync } from 'fs';
import * as path from 'path';

export const HOSTILE_KINDS = [
  'whitespace-runs',
  'number-word-runs',
  'said-runs',
  'distinct-names',
  'soft-wrapped-lines',
  'huge-numbers',
  'many-quotes',
  'short-claims',
  'punctuation-runs',
  'hyphenated-words',
] as const;
export type HostileKind = (typeof HOSTILE_KINDS)[number];

export const HOSTILE_SIZE = 200_000;

/**
 * `head`, then `unit(i)` for i = 0, 1, ... while whole units fit, spaces up to `size`, then `tail` (which ends the
 * text). Units are never cut, so a run ends the way it was built.
 */
function fill(size: number, unit: (i: number) => string, head = '', tail = ' That is all.'): string {
  const parts: string[] = [head];
  let length = head.length + tail.length;
  for (let i = 0; ; i++) {
    const u = unit(i);
    if (length + u.length > size) break;
    parts.push(u);
    length += u.length;
  }
  return parts.join('') + ' '.repeat(Math.max(0, size - length)) + tail;
}

const SYLLABLES = [
  'ka',
  'lo',
  'mi',
  'ra',
  'te',
  'su',
  'no',
  'vi',
  'pe',
  'da',
  'zo',
  'gu',
  'ha',
  'be',
  'ri',
  'fa',
  'ne',
  'to',
  'wa',
  'ji',
];

/** The i-th of many distinct pronounceable names: "Kalo Mira". */
export function distinctName(i: number): string {
  const word = (n: number, len: number) => {
    let w = '';
    for (let k = 0; k < len; k++, n = Math.floor(n / SYLLABLES.length)) w += SYLLABLES[n % SYLLABLES.length];
    return w[0].toUpperCase() + w.slice(1);
  };
  return `${word(i, 2)} ${word(Math.floor(i / 400), 2)}`;
}

let seedCache: string | null = null;
/** The seed article body (from its dateline), as the API stores it. */
export function seedBody(): string {
  if (seedCache === null) {
    const raw = readFileSync(
      path.join(__dirname, '..', '..', '..', 'shared', 'articles', '000_85f1aeb291a03b72.txt'),
      'utf8',
    );
    seedCache = raw.slice(raw.indexOf('BEIJING (UrduPoint'));
  }
  return seedCache;
}

/** A normal article of `size` characters: the seed body repeated, numbers and the speaker's name varied per copy. */
export function normalBody(size = HOSTILE_SIZE): string {
  const seed = seedBody();
  return fill(size, (i) => {
    const copy = i === 0 ? seed : seed.replace(/^BEIJING \([^)]*\) /, '');
    return `${copy.replace(/2,400/g, `${2000 + i}`).replace(/Wang Wenbin/g, distinctName(i))}\n\n`;
  });
}

/** A hostile body of `size` characters. */
export function hostileBody(kind: HostileKind, size = HOSTILE_SIZE): string {
  switch (kind) {
    // TAIL_SUBJECT_VERB backtracked over the run after "said": quadratic in its length.
    case 'whitespace-runs':
      return fill(size, () => ' ', `It rose, a${' '.repeat(79)}said`, 'b;c.');
    // The quantity parser re-read the rest of the run from every number word.
    case 'number-word-runs':
      return fill(size, () => 'one ', 'Wang said ', 'of the end.');
    // leadFrame re-split the growing subject at every "said".
    case 'said-runs':
      return fill(size, () => 'said ', '(', 'x.');
    // Every speaker was compared with every name in the article.
    case 'distinct-names':
      return fill(size, (i) => `${distinctName(i)} said it rose. `);
    // paragraphs() re-tested the growing block at every soft-wrapped line.
    case 'soft-wrapped-lines':
      return fill(size, () => 'a\n');
    // One number of 100,000 digits, then thousands of long ones with separators and scale words.
    case 'huge-numbers':
      return fill(
        size,
        (i) => `${'1,000'.repeat(40)}.5 billion people, about ${'9'.repeat(300 + (i % 7))} dollars. `,
        `Prices rose ${'7'.repeat(size / 2)} percent. `,
      );
    // Thousands of quotes, most never closed, so one quotation seems to run through the article.
    case 'many-quotes':
      return fill(size, (i) =>
        i % 3 === 0
          ? `"Taxes rose ${i} percent," ${distinctName(i)} said. `
          : i % 3 === 1
            ? `"It is "not" "true" `
            : '“They doubled. ',
      );
    // Thousands of short check-worthy claims (7,735 of them gave 7,735 claims in one insert).
    case 'short-claims':
      return fill(size, (i) => `Prices rose ${i} percent. `);
    // A run of commas and colons inside a credited sentence: trimming the claim's end backtracked over it.
    case 'punctuation-runs':
      return fill(size, () => ', ;: ', 'Taxes rose', 'x, Wang said.');
    // One word of capitals and hyphens: the name finder retried it from every capital.
    case 'hyphenated-words':
      return fill(size, () => 'A-', '', 'a.');
  }
}
