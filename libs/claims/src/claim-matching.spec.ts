import { terms } from '@claimdesk/matching';
import { rareWordsQuery } from './claim-matching';
import { someOfQuery } from './matches.repository';

describe('someOfQuery', () => {
  it('ORs every combination of `need` words, each ANDed', () => {
    expect(someOfQuery(['a', 'b', 'c'], 2)).toBe('(a & b) | (a & c) | (b & c)');
    expect(someOfQuery(['a', 'b', 'c', 'd'], 3)).toBe('(a & b & c) | (a & b & d) | (a & c & d) | (b & c & d)');
  });

  it('ANDs the words when there are no more than `need`', () => {
    expect(someOfQuery(['a', 'b'], 2)).toBe('a & b');
    expect(someOfQuery(['a'], 2)).toBe('a');
    expect(someOfQuery([], 2)).toBe('');
  });
});

describe('rareWordsQuery', () => {
  const text = 'Regional obesity in Tallinn grew by 561 percent since 2020';
  /** Document frequencies by stem, as the pipeline counts them. */
  const dfOf = (byWord: Record<string, number>) =>
    new Map(Object.entries(byWord).map(([w, n]) => [terms(w)[0], n] as [string, number]));

  it('asks for two of the three rarest words when they are rare', () => {
    const df = dfOf({ regional: 50, obesity: 20, tallinn: 5, grew: 300, percent: 900, 561: 40, 2020: 800 });
    expect(rareWordsQuery(text, df)).toEqual({ words: ['tallinn', 'obesity', '561'], need: 2 });
  });

  it('asks for three of the four rarest when the pairs would match more claims than the query reads', () => {
    const df = dfOf({
      regional: 9000,
      obesity: 3000,
      tallinn: 2000,
      grew: 40000,
      percent: 90000,
      561: 5000,
      2020: 8000,
    });
    expect(rareWordsQuery(text, df)).toEqual({ words: ['tallinn', 'obesity', '561', '2020'], need: 3 });
  });
});
