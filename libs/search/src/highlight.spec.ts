import { fragments, FRAGMENT, START, STOP } from './highlight';

describe('fragments', () => {
  it('escapes the text and marks the matches', () => {
    expect(fragments(`a <b>&${START}rates${STOP} "x"`)).toEqual(['a &lt;b&gt;&amp;<mark>rates</mark> &quot;x&quot;']);
  });

  it('splits fragments and drops those without a match', () => {
    expect(fragments(`${START}one${STOP} x ${FRAGMENT} plain ${FRAGMENT} y ${START}two${STOP}`)).toEqual([
      '<mark>one</mark> x',
      'y <mark>two</mark>',
    ]);
  });

  it('gives nothing for a headline without a match', () => {
    expect(fragments('the start of the text')).toEqual([]);
    expect(fragments(null)).toEqual([]);
  });
});
