import { seedArticle } from '../testing/seed-article';
import { CLAIM_TYPES } from './types';
import { WinkClaimExtractor } from './wink-claim-extractor';

describe(WinkClaimExtractor.name, () => {
  const extractor = new WinkClaimExtractor();
  const { body, raw, title } = seedArticle();
  const claims = extractor.extract({ body, title });
  const find = (needle: string) => {
    const c = claims.find((x) => x.text.includes(needle));
    if (!c) throw new Error(`no claim with "${needle}"`);
    return c;
  };

  const bodyClaims = claims.filter((c) => c.section === 'body');

  it('returns claims whose spans slice the body to the sentence, with valid fields', () => {
    expect(bodyClaims.length).toBe(10);
    for (const c of bodyClaims) {
      expect(body.slice(c.span!.start, c.span!.end)).toBe(c.sentence);
      expect(c.score).toBeGreaterThanOrEqual(0);
      expect(c.score).toBeLessThanOrEqual(1);
      expect(CLAIM_TYPES).toContain(c.type);
    }
  });

  it('extracts the Tom Burt quantity claim (README claim 1)', () => {
    const c = find('confidentiality orders');
    expect(c.claimant).toBe('Tom Burt');
    expect(c.type).toBe('quantity');
    expect(c.text.startsWith('US law enforcement agencies had issued from 2,400 to 3,500')).toBe(true);
    expect(c.quantities).toEqual([
      { text: 'from 2,400 to 3,500 confidentiality orders', min: 2400, max: 3500, unit: 'confidentiality orders' },
    ]);
  });

  it('credits Wang Wenbin with the biggest-threat and back-doors claims (README claim 2)', () => {
    expect(find('biggest threat to global cybersecurity').claimant).toBe('Wang Wenbin');
    expect(find('back doors').claimant).toBe('Wang Wenbin');
    expect(find('biggest threat to global cybersecurity').quantities).toEqual([]);
  });

  it('extracts the undersea cables claim (README claim 3)', () => {
    const c = find('undersea cables');
    expect(c.text).toContain('established that US intelligence was spying');
    expect(c.claimant).toBe('Wang Wenbin');
  });

  it('reads the title as a claim of its own, first, without a span', () => {
    expect(claims[0]).toMatchObject({ section: 'title', span: null, sentence: title, text: title });
    expect(claims.filter((c) => c.section === 'title')).toHaveLength(1);
  });

  it('reads a one-line body without final punctuation (issue 14)', () => {
    const line = 'US authorities found 39 missing children in a double-wide trailer in Georgia';
    const [c] = extractor.extract({ body: line });
    expect(c).toMatchObject({
      section: 'body',
      sentence: line,
      span: { start: 0, end: line.length },
      type: 'quantity',
    });
    expect(c.quantities).toEqual([{ text: '39 missing children', value: 39, unit: 'missing children' }]);
  });

  it('scores the decoded text of a sentence with HTML entities, keeping the span on the raw body', () => {
    const raw = 'The mayor said crime fell 30% in 2023.&nbsp;&quot;We hired 500 officers,&quot; she said.';
    const got = extractor.extract({ body: raw });
    expect(got.map((c) => raw.slice(c.span!.start, c.span!.end))).toEqual(got.map((c) => c.sentence));
    expect(got[1].text).toBe('We hired 500 officers.');
    expect(got[1].claimant).toBe('The mayor');
  });

  it('keeps the dateline out of the claim and finds no date quantities', () => {
    const first = bodyClaims[0];
    expect(first.text.startsWith('Beijing has called')).toBe(true);
    expect(claims.flatMap((c) => c.quantities).map((q) => q.text)).toEqual([
      'from 2,400 to 3,500 confidentiality orders',
    ]);
  });

  it('gives the same claims for the raw file with its header lines (offsets shifted; the title as a body line)', () => {
    const fromRaw = extractor.extract({ body: raw });
    expect(fromRaw.map((c) => c.text)).toEqual(claims.map((c) => c.text));
    for (const c of fromRaw) expect(raw.slice(c.span!.start, c.span!.end)).toBe(c.sentence);
  });

  it('filters by minScore', () => {
    const threshold = [...claims].sort((a, b) => a.score - b.score)[5].score;
    const kept = extractor.extract({ body, title }, { minScore: threshold });
    expect(kept.length).toBeGreaterThan(0);
    expect(kept.length).toBeLessThan(claims.length);
    expect(kept.every((c) => c.score >= threshold)).toBe(true);
  });

  it('returns nothing for an empty body', () => {
    expect(extractor.extract({ body: '' })).toEqual([]);
  });

  describe('news copy hard cases', () => {
    const body =
      'WASHINGTON (Reuters) - "The economy is strong. Jobs are up 5% since January," President Joe Biden said on Tuesday. ' +
      'He added that inflation would fall to 2% by 2025.\n\nAccording to Sen. Mitt Romney, the U.S. deficit hit $1.7 trillion ' +
      'in fiscal 2022, up from about $1 trillion. "That is not sustainable," Romney told reporters.';
    const out = extractor.extract({ body });
    const by = (needle: string) => out.find((c) => c.sentence.includes(needle))!;

    it('credits both sentences of a quote that spans sentences', () => {
      expect(by('The economy is strong').claimant).toBe('Joe Biden');
      expect(by('Jobs are up')).toMatchObject({
        claimant: 'Joe Biden',
        text: 'Jobs are up 5% since January.',
        type: 'quantity',
      });
    });

    it('follows a pronoun to the last speaker and types a forecast as a prediction', () => {
      expect(by('He added')).toMatchObject({
        claimant: 'Joe Biden',
        text: 'inflation would fall to 2% by 2025.',
        type: 'prediction',
      });
    });

    it('reads money with scale words and keeps the approximator, but not the fiscal year', () => {
      const c = by('deficit');
      expect(c.claimant).toBe('Mitt Romney');
      expect(c.quantities).toEqual([
        { text: '$1.7 trillion', value: 1.7e12, unit: 'USD' },
        { text: 'about $1 trillion', value: 1e12, unit: 'USD', qualifier: 'about' },
      ]);
      expect(by('Romney told').claimant).toBe('Mitt Romney');
    });
  });
});
