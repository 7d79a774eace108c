import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseRawArticle } from './raw-article.parser';

const seed = readFileSync(join(__dirname, '../../../../shared/articles/000_85f1aeb291a03b72.txt'), 'utf8');

describe('parseRawArticle', () => {
  it('reads title, source, date and time from the seed article header', () => {
    const a = parseRawArticle(seed);
    expect(a.title).toBe("China Calls For Int'l Efforts To Counter 'Biggest' Cybersecutiry Threat Posed By US");
    expect(a.source).toBe('UrduPoint.com');
    expect(a.publishedAt?.toISOString()).toBe('2021-07-05T17:40:00.000Z');
  });

  it('keeps only the body after the header lines, dateline included', () => {
    const a = parseRawArticle(seed);
    expect(a.body.startsWith('BEIJING (UrduPoint News / Sputnik - 05th July, 2021) Beijing has called')).toBe(true);
    expect(a.body.endsWith('after being listed on the NYSE.')).toBe(true);
    expect(a.body).not.toContain('05:40 PM');
  });

  it('treats text without a header as all body', () => {
    expect(parseRawArticle('  Just a sentence. Another one.\n')).toEqual({
      title: null,
      source: null,
      publishedAt: null,
      body: 'Just a sentence. Another one.',
    });
  });

  it('accepts a header without a date line', () => {
    const a = parseRawArticle('date 2024-02-29 Example News\nA title\n\nThe body.');
    expect(a).toMatchObject({ title: 'A title', source: 'Example News', body: 'The body.' });
    expect(a.publishedAt?.toISOString()).toBe('2024-02-29T00:00:00.000Z');
  });
});
