import { ClaimantResolver } from './claimant-resolver';
import { seedArticle } from '../testing/seed-article';
import { SentenceSegmenter } from './sentence-segmenter';

describe(ClaimantResolver.name, () => {
  const resolver = new ClaimantResolver();

  describe('attribute', () => {
    it('takes the clause after "that" as the claim', () => {
      const a = resolver.attribute(
        'Last week, microsoft Corporate Vice President Tom Burt told the US Congress that US agencies had issued 3,500 orders.',
      );
      expect(a).toEqual({ mention: 'Tom Burt', kind: 'name', text: 'US agencies had issued 3,500 orders.' });
    });

    it('strips a trailing frame and the quotes', () => {
      const a = resolver.attribute(
        '"We are calling on the international community to act," Wang told a daily briefing.',
      );
      expect(a).toEqual({
        mention: 'Wang',
        kind: 'name',
        text: 'We are calling on the international community to act.',
      });
    });

    it('handles an inverted frame with an appositive', () => {
      expect(resolver.attribute('"We will win," said Sen. Bob Smith, a Republican.')).toMatchObject({
        mention: 'Bob Smith',
        text: 'We will win.',
      });
    });

    it('handles "according to" before and after the claim', () => {
      expect(resolver.attribute('According to the ministry, exports rose 5%.')).toMatchObject({
        mention: 'the ministry',
        text: 'exports rose 5%.',
      });
      expect(resolver.attribute('Exports rose 5%, according to Dr. Jane Doe.')).toMatchObject({
        mention: 'Jane Doe',
        text: 'Exports rose 5%.',
      });
    });

    it('skips a relative clause to find the speaker', () => {
      expect(resolver.attribute('Smith, who was elected in 2010, said the law is unfair.')).toMatchObject({
        mention: 'Smith',
        text: 'the law is unfair.',
      });
    });

    it('classifies roles and pronouns, and finds no frame in plain statements', () => {
      expect(resolver.attribute('The diplomat accused Washington of spying.').kind).toBe('role');
      expect(resolver.attribute('He said taxes would rise.')).toMatchObject({
        kind: 'pronoun',
        text: 'taxes would rise.',
      });
      expect(resolver.attribute('The economy grew by 3% last year.')).toMatchObject({ mention: null, kind: null });
    });
  });

  describe('resolveArticle (seed article)', () => {
    const { body } = seedArticle();
    const segs = new SentenceSegmenter().segment(body);
    const resolved = resolver.resolveArticle(segs, body);
    const of = (start: string) => resolved[segs.findIndex((s) => s.text.startsWith(start))];

    it('resolves short names to the fullest name in the article', () => {
      expect(of('Last week')).toMatchObject({ claimant: 'Tom Burt' });
      expect(of('"We are calling')).toMatchObject({ claimant: 'Wang Wenbin' });
      expect(of('Beijing has called').claimant).toBe('Wang Wenbin');
    });

    it('resolves the "Wand" typo to the only close known speaker and credits the whole two-sentence quote', () => {
      expect(of('The United States is the biggest')).toEqual({
        claimant: 'Wang Wenbin',
        text: 'The United States is the biggest threat to global cybersecurity.',
      });
      expect(of('"The facts')).toMatchObject({ claimant: 'Wang Wenbin' });
      expect(of('"The facts').text.startsWith('The facts have repeatedly proved')).toBe(true);
    });

    it('resolves role nouns ("the diplomat", "the Chinese diplomat") to the last speaker', () => {
      expect(of('The diplomat accused').claimant).toBe('Wang Wenbin');
      expect(of('Under the guise').claimant).toBe('Wang Wenbin');
    });

    it('leaves an unattributed sentence without claimant', () => {
      expect(of('The announcement came').claimant).toBeNull();
    });
  });

  it('carries the speaker to a following fully quoted sentence', () => {
    const body = '"Taxes are too high," Mary Jones said. "They doubled in ten years."';
    const segs = new SentenceSegmenter().segment(body);
    expect(resolver.resolveArticle(segs, body).map((r) => r.claimant)).toEqual(['Mary Jones', 'Mary Jones']);
  });

  it('does not invent a name for an unknown single surname', () => {
    expect(resolver.fullestName('Zhao', ['Wang Wenbin', 'Tom Burt'], ['Wang Wenbin', 'Tom Burt'])).toBe('Zhao');
  });
});
