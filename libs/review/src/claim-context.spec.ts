import { claimContext, contextFromExcerpt, EXCERPT_MARGIN } from './claim-context';

/** What ArticlesRepository.findWithExcerpt computes in SQL, where strings are sequences of code points. */
function sqlExcerpt(body: string, start: number, end: number) {
  const cps = [...body];
  const astral = (n: number) => cps.slice(0, n).filter((c) => c.length === 2).length;
  const from = Math.max(0, start - astral(start) - EXCERPT_MARGIN);
  return { excerpt: cps.slice(from, end + EXCERPT_MARGIN).join(''), excerptStart: from + astral(from) };
}

/** A long article with its claim in the middle; `emoji` sentences before it carry astral characters. */
function article(emoji: number) {
  const sentences = Array.from(
    { length: 400 },
    (_, i) => `Sentence number ${i} says something${i < emoji ? ' 🎉𝄞' : ''}.`,
  );
  sentences[300] = 'The agency issued 3,500 orders in five years.';
  const body = sentences.join(' ');
  const start = body.indexOf(sentences[300]);
  return { body, start, end: start + sentences[300].length };
}

describe('claimContext', () => {
  it('returns the text before and after the claim', () => {
    const body = 'One. Two is the claim. Three.';
    const start = body.indexOf('Two');
    const end = body.indexOf('Three') - 1;
    expect(claimContext(body, start, end)).toEqual({ before: 'One. ', after: ' Three.'.trimEnd() });
  });

  it('cuts long context at sentence boundaries', () => {
    const body = 'x'.repeat(50) + '. Before sentence. CLAIM. After sentence. ' + 'y'.repeat(50);
    const start = body.indexOf('CLAIM');
    const ctx = claimContext(body, start, start + 6, 30);
    expect(ctx.before).toBe('Before sentence. ');
    expect(ctx.after).toBe(' After sentence.');
  });

  it('reaches back into the paragraph before when the claim opens a paragraph', () => {
    const body = 'x'.repeat(50) + '. Earlier paragraph ends.\n\nCLAIM. After.';
    const start = body.indexOf('CLAIM');
    expect(claimContext(body, start, start + 6, 40).before).toBe('Earlier paragraph ends.\n\n');
  });
});

describe('contextFromExcerpt', () => {
  it.each([0, 1, 50, 300])(
    'gives the same context as the whole body with %i sentences of astral characters before the claim',
    (emoji) => {
      const { body, start, end } = article(emoji);
      const { excerpt, excerptStart } = sqlExcerpt(body, start, end);
      expect(excerpt.length).toBeLessThan(body.length / 5);
      const context = contextFromExcerpt(excerpt, excerptStart, start, end);
      expect(context).toEqual(claimContext(body, start, end));
      expect(context.before.length).toBeGreaterThan(300);
    },
  );

  it('works for claims at the very start and the very end of the body', () => {
    for (const body of [
      'Claim one is 12 percent 🎉. Then more text follows.',
      'Text 🎉 before it. Claim two is 12 percent.',
    ]) {
      const start = body.indexOf('Claim');
      const end = body.indexOf('percent.') + 8;
      const { excerpt, excerptStart } = sqlExcerpt(body, start, end);
      expect(contextFromExcerpt(excerpt, excerptStart, start, end)).toEqual(claimContext(body, start, end));
    }
  });
});
