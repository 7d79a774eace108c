// eslint-disable-next-line no-restricted-imports -- the specs use the same generator as npm run bench:hostile
import { distinctName } from '../../../scripts/lib/hostile-bodies';
import { ClaimTyper } from './claim-typer';
import { ClaimantResolver } from './claimant-resolver';
import { QuantityParser } from './quantity-parser';
import { SentenceSegmenter } from './sentence-segmenter';

// Issue 16: inputs that were super-linear. Each case is sized so the old code took at least ten times the bound
// (its time at that size in the title, on the shared 2-core machine) while the new code takes a fraction of it,
// so load on the machine does not make these flake. Where the work can be counted instead, it is.

function seconds(fn: () => unknown): number {
  const t0 = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - t0) / 1e9;
}

function median(xs: number[]): number {
  return [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
}

describe('hostile input', () => {
  // Without the length cap, so each rule is checked on long text by itself.
  const uncapped = new ClaimantResolver({ maxClaimChars: Infinity });
  const resolver = new ClaimantResolver();
  const parser = new QuantityParser();
  const segmenter = new SentenceSegmenter();

  it('a tail frame with a long whitespace run after the verb (old code: 21 s)', () => {
    const s = `It rose, a${' '.repeat(79)}said${' '.repeat(1600)}b;c.`;
    let a: ReturnType<ClaimantResolver['attribute']> | undefined;
    expect(seconds(() => (a = uncapped.attribute(s)))).toBeLessThan(1);
    expect(a).toEqual({ mention: 'a', kind: 'org', text: 'It rose, a said b;c.' });
  });

  it('still reads frames through collapsed whitespace', () => {
    expect(resolver.attribute('Taxes   rose\n\n  sharply,   Wang    said.')).toEqual({
      mention: 'Wang',
      kind: 'name',
      text: 'Taxes rose sharply.',
    });
    expect(resolver.attribute('"We will win,"   said  Sen. Bob   Smith,  a Republican.')).toMatchObject({
      mention: 'Bob Smith',
      text: 'We will win.',
    });
  });

  it('a run of 20,000 number words (old code: 25 s)', () => {
    const s = `Wang said ${'one '.repeat(20_000)}of the end.`;
    let q: ReturnType<QuantityParser['parse']> = [];
    expect(seconds(() => (q = parser.parse(s)))).toBeLessThan(1);
    expect(q).toEqual([]);
  });

  it('still reads written numbers up to ten words and drops longer runs whole', () => {
    expect(parser.parse('It hired one hundred and twenty-five people.')).toEqual([
      { text: 'one hundred and twenty-five people', value: 125, unit: 'people' },
    ]);
    expect(parser.parse(`It hired ${'one '.repeat(10)}people.`)).toMatchObject([{ value: 10, unit: 'people' }]);
    expect(parser.parse(`It hired ${'one '.repeat(11)}people.`)).toEqual([]);
    expect(parser.parse(`It hired ${'one '.repeat(11)}people and five dogs.`)).toEqual([
      { text: 'five dogs', value: 5, unit: 'dogs' },
    ]);
  });

  it('a run of 40,000 "said" (old code: over 35 s)', () => {
    const s = `(${'said '.repeat(40_000)}x.`;
    let a: ReturnType<ClaimantResolver['attribute']> | undefined;
    expect(seconds(() => (a = uncapped.attribute(s)))).toBeLessThan(1);
    expect(a?.mention).toBeNull();
  });

  it('a run of commas before a credited clause (old code: over 20 s)', () => {
    const s = `Taxes rose${', ;: '.repeat(40_000)}x, Wang said.`;
    let a: ReturnType<ClaimantResolver['attribute']> | undefined;
    expect(seconds(() => (a = uncapped.attribute(s)))).toBeLessThan(1);
    expect(a?.mention).toBe('Wang');
    expect(a?.text.endsWith(';: x.')).toBe(true);
  });

  it('compares each of 2,000 distinct speakers with the names holding its words, not every name', () => {
    const body = Array.from({ length: 2000 }, (_, i) => `${distinctName(i)} said it rose.`).join(' ');
    const segs = segmenter.segment(body);
    const counting = new ClaimantResolver();
    let reads = 0;
    const collect = counting.collectNames.bind(counting);
    // Every read of a name from the article's list is counted: the old code read all of them per speaker.
    jest.spyOn(counting, 'collectNames').mockImplementation((text) => {
      return new Proxy(collect(text), {
        get(target, key, receiver) {
          if (typeof key === 'string' && /^\d+$/.test(key)) reads++;
          return Reflect.get(target, key, receiver);
        },
      });
    });
    const resolved = counting.resolveArticle(segs, body);
    expect(resolved.map((r) => r.claimant)).toEqual(Array.from({ length: 2000 }, (_, i) => distinctName(i)));
    expect(reads).toBeLessThan(10 * 2000); // old: 2 x 2,000 x 2,000
  });

  it('looks typos up by deletion keys, not against each of 3,000 known speakers', () => {
    // 3,000 known two-word speakers, then 3,000 unknown surnames: the old code split every known name per surname.
    const known = Array.from({ length: 3000 }, (_, i) => `${distinctName(i)} said it rose.`);
    const unknown = Array.from(
      { length: 3000 },
      (_, i) => `${distinctName(i + 160_000).split(' ')[0]}xq said it fell.`,
    );
    const body = [...known, ...unknown, 'Kakaq said it fell.'].join(' ');
    const segs = segmenter.segment(body);
    // The work is counted as calls of String.prototype.split (old: 3,000 x 3,000 of them).
    // eslint-disable-next-line @typescript-eslint/unbound-method -- kept to restore it and to call it with apply
    const split = String.prototype.split;
    let splits = 0;
    String.prototype.split = function (this: string, ...args: Parameters<typeof split>) {
      splits++;
      return split.apply(this, args);
    } as typeof split;
    let resolved: ReturnType<ClaimantResolver['resolveArticle']> = [];
    try {
      resolved = resolver.resolveArticle(segs, body);
    } finally {
      String.prototype.split = split;
    }
    expect(splits).toBeLessThan(50 * segs.length);
    expect(resolved[3000].claimant).toBe(`${distinctName(160_000).split(' ')[0]}xq`);
    // "Kakaq" is one letter from the known first name "Kaka" of several speakers: ambiguous, kept as written.
    expect(resolved[6000].claimant).toBe('Kakaq');
  });

  it('a word of 100,000 hyphenated capitals (old code: 12 s)', () => {
    let names: string[] = [];
    expect(seconds(() => (names = resolver.collectNames(`${'A-'.repeat(100_000)}a`)))).toBeLessThan(1);
    expect(names).toEqual([]);
    expect(resolver.collectNames('Jean-Luc Picard met x-Ray Charles and O’Brien J. Kelly-Smith.')).toEqual([
      'Jean-Luc Picard',
      'Ray Charles',
      'O’Brien J. Kelly-Smith',
    ]);
  });

  it('200,000 soft-wrapped lines (old code: 26 s)', () => {
    const body = 'a\n'.repeat(200_000);
    let blocks: ReturnType<SentenceSegmenter['paragraphs']> = [];
    expect(seconds(() => (blocks = segmenter.paragraphs(body)))).toBeLessThan(2);
    expect(blocks).toEqual([{ start: 0, end: body.length - 1 }]);
  });

  it('grows about linearly on random hostile bodies of 25k to 200k characters', () => {
    // Fragments of every hostile kind in random order (seeded), through the rule-based stages of the extractor.
    let seed = 16;
    const rand = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32;
    const fragments = [
      () => ' '.repeat(1 + Math.floor(rand() * 3000)),
      () => 'one '.repeat(1 + Math.floor(rand() * 500)),
      () => 'said '.repeat(1 + Math.floor(rand() * 500)),
      () => `${distinctName(Math.floor(rand() * 100_000))} said it rose ${Math.floor(rand() * 100)} percent. `,
      () => 'a\n'.repeat(1 + Math.floor(rand() * 500)),
      () => '9'.repeat(1 + Math.floor(rand() * 2000)),
      () => '"It is" "not" ',
      () => ', ;: '.repeat(1 + Math.floor(rand() * 500)),
      () => 'A-'.repeat(1 + Math.floor(rand() * 500)),
      () => 'Prices rose 5 percent, Wang Wenbin said. ',
    ];
    const body = (size: number) => {
      const parts: string[] = [];
      let n = 0;
      while (n < size) {
        const f = fragments[Math.floor(rand() * fragments.length)]();
        parts.push(f);
        n += f.length;
      }
      return parts.join('').slice(0, size);
    };
    const typer = new ClaimTyper();
    const run = (text: string) => {
      const segs = segmenter.segment(text);
      for (const r of resolver.resolveArticle(segs, text)) typer.type(r.text, parser.parse(r.text));
    };
    const timeAt = (size: number) => {
      const text = body(size);
      return median([0, 1, 2].map(() => seconds(() => run(text))));
    };
    run(body(25_000)); // warm-up (JIT)
    const small = timeAt(25_000);
    const large = timeAt(200_000);
    // Linear is 8x; quadratic would be 64x. 16 leaves room for noise on a shared machine.
    expect(large / small).toBeLessThan(16);
  });
});
