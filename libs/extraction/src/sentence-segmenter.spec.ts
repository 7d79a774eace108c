import { seedArticle } from '../testing/seed-article';
import { SentenceSegmenter } from './sentence-segmenter';

describe(SentenceSegmenter.name, () => {
  const segmenter = new SentenceSegmenter();
  const texts = (s: string) => segmenter.segment(s).map((x) => x.text);

  describe('seed article', () => {
    const { raw, body } = seedArticle();

    it('keeps exact spans for every sentence', () => {
      const segs = segmenter.segment(body);
      expect(segs.length).toBe(10);
      for (const s of segs) expect(body.slice(s.start, s.end)).toBe(s.text);
    });

    it('drops the dateline from the first sentence', () => {
      const first = segmenter.segment(body)[0];
      expect(first.text.startsWith('Beijing has called on the international community')).toBe(true);
      expect(first.text).not.toContain('UrduPoint');
      expect(first.text.endsWith('said on Monday.')).toBe(true);
    });

    it('reads the title line of the raw file and skips its meta and date lines', () => {
      const segs = texts(raw);
      expect(segs).toEqual([
        "China Calls For Int'l Efforts To Counter 'Biggest' Cybersecutiry Threat Posed By US",
        ...texts(body),
      ]);
      expect(segs.join(' ')).not.toMatch(/05:40|date 2021/);
    });

    it('marks a quotation that runs over two paragraphs', () => {
      const segs = segmenter.segment(body);
      const opened = segs.findIndex((s) => s.text.startsWith('"The facts'));
      expect(segs[opened].quoteOpenAtEnd).toBe(true);
      expect(segs[opened + 1].quoteOpenAtStart).toBe(true);
      expect(segs[opened + 1].quoteOpenAtEnd).toBe(false);
      expect(segs[opened + 1].text).toBe(
        'The United States is the biggest threat to global cybersecurity," Wand said.',
      );
    });
  });

  it('does not split after U.S., Mr., Jan. or Corp. inside a sentence', () => {
    expect(
      texts('The U.S. economy grew 3% in Jan. 2020, Mr. Smith of Acme Corp. told reporters. Then he left.'),
    ).toEqual(['The U.S. economy grew 3% in Jan. 2020, Mr. Smith of Acme Corp. told reporters.', 'Then he left.']);
  });

  it('splits after an abbreviation that ends the sentence before a typical opener', () => {
    expect(texts('The talks were held in the U.S. The deal failed.')).toEqual([
      'The talks were held in the U.S.',
      'The deal failed.',
    ]);
  });

  it('keeps middle initials and decimals', () => {
    expect(texts('John F. Kennedy won 49.7 percent of the vote. Nixon lost.')).toEqual([
      'John F. Kennedy won 49.7 percent of the vote.',
      'Nixon lost.',
    ]);
  });

  it('keeps a closing quote with its sentence', () => {
    expect(texts('"We are done." She left the room.')).toEqual(['"We are done."', 'She left the room.']);
  });

  it('strips a Reuters-style dateline', () => {
    expect(texts('WASHINGTON, July 5 (Reuters) - Prices rose 2% in June.')).toEqual(['Prices rose 2% in June.']);
  });

  it('joins a soft-wrapped line', () => {
    const body = 'The ministry said the budget\nwould grow by 5% next year.';
    expect(texts(body)).toEqual([body]);
  });
});
