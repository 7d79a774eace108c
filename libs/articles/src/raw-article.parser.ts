/**
 * Reads the raw form newsrooms send (see shared/articles/README.md):
 *
 *    date 2021-07-05 UrduPoint.com
 *   China Calls For Int'l Efforts ...            <- title
 *
 *   Mon 05th July 2021 | 05:40 PM                <- date line
 *
 *   BEIJING (UrduPoint News / Sputnik - ...) ... <- body
 *
 * Text without that header is all body.
 */
export interface RawArticle {
  title: string | null;
  source: string | null;
  publishedAt: Date | null;
  body: string;
}

const HEADER = /^\s*date\s+(\d{4}-\d{2}-\d{2})(?:\s+(.+?))?\s*$/i;
const DATE_LINE =
  /^(?:mon|tue|wed|thu|fri|sat|sun)\w*\.?\s+\d{1,2}(?:st|nd|rd|th)?\s+\w+\s+\d{4}(?:\s*\|\s*(\d{1,2}):(\d{2})\s*([AP]M)?)?\s*$/i;

export function parseRawArticle(text: string): RawArticle {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  let i = 0;
  const skipBlank = () => {
    while (i < lines.length && !lines[i].trim()) i++;
  };
  skipBlank();
  const header = HEADER.exec(lines[i] ?? '');
  if (!header) return { title: null, source: null, publishedAt: null, body: text.trim() };

  const source = header[2]?.trim() || null;
  let publishedAt: Date | null = new Date(`${header[1]}T00:00:00Z`);
  if (Number.isNaN(publishedAt.getTime())) publishedAt = null;
  i++;
  skipBlank();
  const title = lines[i]?.trim() || null;
  i++;
  skipBlank();
  const dateLine = DATE_LINE.exec(lines[i]?.trim() ?? '');
  if (dateLine) {
    if (publishedAt && dateLine[1]) {
      let hour = Number(dateLine[1]) % 12;
      if ((dateLine[3] ?? '').toUpperCase() === 'PM') hour += 12;
      if (!dateLine[3]) hour = Number(dateLine[1]);
      publishedAt = new Date(publishedAt.getTime() + (hour * 60 + Number(dateLine[2])) * 60_000);
    }
    i++;
  }
  skipBlank();
  return { title, source, publishedAt, body: lines.slice(i).join('\n').trim() };
}
