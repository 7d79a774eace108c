import { Bm25, Bm25Index } from './bm25';
import { Matcher } from './matcher';
import { MemoryMatchIndex } from './memory-index';
import { cleanText, fingerprint, terms } from './normalize';
import { claimantOverlap, quantitiesOf, quantityOverlap, sameFigures } from './signals';

const BURT = 'From 2,400 to 3,500 confidentiality orders were issued, Tom Burt said.';

describe('normalize', () => {
  it('gives one fingerprint to the same words, whatever the case, punctuation and spacing', () => {
    expect(fingerprint('The  economy grew by 3%!')).toBe(fingerprint('the economy grew by 3 %'));
    expect(fingerprint('The economy grew by 3%')).not.toBe(fingerprint('The economy grew by 4%'));
  });

  it('stems like PostgreSQL english and drops its stop words', () => {
    expect(terms('The orders were running')).toEqual(['order', 'run']);
  });

  it('cleans posts: URLs, signatures and handles out, hashtags split', () => {
    expect(cleanText('Fires #AustralianFires https://t.co/x — Ann Lee (@ann) January 14, 2020')).toBe(
      'Fires Australian Fires',
    );
  });
});

describe('bm25', () => {
  it('ranks the document holding the rare query term first', () => {
    const idx = new Bm25Index();
    idx.add(terms('the cat sat on the mat'));
    idx.add(terms('the dog sat on the log'));
    idx.add(terms('a cat and a dog'));
    expect(idx.search(terms('dog log'), 3).map((r) => r.doc)).toEqual([1, 2]);
  });

  it('scores the same through the index as through the formula (the pipeline re-ranks with it)', () => {
    const idx = new Bm25Index();
    const docs = ['confidentiality orders issued', 'orders of the court', 'the weather today'].map((t) => terms(t));
    docs.forEach((d) => idx.add(d));
    const q = terms('confidentiality orders');
    const bm25 = new Bm25(idx);
    for (const { doc, score } of idx.search(q, 3)) {
      const tf = new Map<string, number>();
      docs[doc].forEach((t) => tf.set(t, (tf.get(t) ?? 0) + 1));
      expect(bm25.score(q, tf, docs[doc].length)).toBeCloseTo(score, 10);
    }
  });
});

describe('signals', () => {
  it('matches quantities by value and range, and flags a conflict', () => {
    const a = [{ text: '2,400 to 3,500', min: 2400, max: 3500 }];
    expect(quantityOverlap(a, [{ text: '3,000', value: 3000 }])).toEqual({ shared: 1, conflict: 0 });
    expect(quantityOverlap(a, [{ text: '10', value: 10 }])).toEqual({ shared: 0, conflict: 1 });
    expect(quantityOverlap(a, [])).toEqual({ shared: 0, conflict: 0 });
  });

  it('lets a claim repeat another only with the same figures, or when one states none', () => {
    const agree = (a: string, b: string) => sameFigures(quantitiesOf(a), quantitiesOf(b));
    expect(agree(BURT, 'Tom Burt said 2,400 to 3,500 confidentiality orders were issued.')).toBe(true);
    expect(agree(BURT, 'Tom Burt said confidentiality orders were issued.')).toBe(true);
    expect(agree(BURT, 'From 2,400 to 9,500 confidentiality orders were issued, Tom Burt said.')).toBe(false);
    expect(agree('Exports rose 4% to 120 tonnes.', 'Exports rose 4% to 150 tonnes.')).toBe(false);
  });

  it('takes a surname for the full name, and tells different people apart', () => {
    expect(claimantOverlap('Tom Burt', 'Burt')).toEqual({ same: 1, different: 0 });
    expect(claimantOverlap('Tom Burt', 'Wang Yi')).toEqual({ same: 0, different: 1 });
    expect(claimantOverlap(null, 'Wang Yi')).toEqual({ same: 0, different: 0 });
  });
});

describe('Matcher', () => {
  const matcher = new Matcher();
  const index = new MemoryMatchIndex(matcher);
  index.add({ id: 'burt', text: BURT });
  index.add({ id: 'court', text: 'The court issued 40 orders on Tuesday, the clerk said.' });
  index.add({ id: 'weather', text: 'Rain is expected across the region this weekend.' });
  index.add({ id: 'other-figure', text: 'About 90 confidentiality orders were issued last year, Wang Yi said.' });

  it('scores a verbatim repeat 1', () => {
    const [best] = index.match(
      { id: 'q', text: 'from 2,400 to 3,500 confidentiality orders were issued, Tom Burt said' },
      3,
    );
    expect(best).toMatchObject({ id: 'burt', score: 1 });
  });

  it('ranks a reworded claim with the same figures and claimant first, above a lower threshold only', () => {
    const ranked = index.match(
      { id: 'q', text: 'Burt said that between 2,400 and 3,500 secrecy orders had been issued.' },
      4,
    );
    expect(ranked[0].id).toBe('burt');
    expect(ranked[0].features.quantityShared).toBe(1);
    expect(ranked[0].features.claimantSame).toBe(1);
    expect(ranked[0].score).toBeGreaterThan(ranked[1].score);
    expect(ranked[0].score).toBeLessThan(1);
  });

  it('never returns the query itself, and keeps to top', () => {
    expect(index.match({ id: 'burt', text: BURT }, 2).map((r) => r.id)).not.toContain('burt');
    expect(index.match({ id: 'q', text: 'orders issued' }, 2)).toHaveLength(2);
  });

  it('leaves an unrelated claim with a low score', () => {
    const ranked = index.match({ id: 'q', text: 'The central bank raised interest rates by half a point.' }, 4);
    expect(ranked.every((r) => r.score < 0.2)).toBe(true);
  });
});
