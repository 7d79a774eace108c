import { cosine } from './pack';
import { ENCODER_DIMENSIONS, encode, sharedEncoder } from './sentence-encoder';

// The real model from npm (no mock): a few seconds to load.
describe('sentence encoder (USE lite)', () => {
  it('encodes texts in order into 512-d vectors that place paraphrases nearer than unrelated text', async () => {
    const [a, b, c, empty] = await encode([
      'Crime rose 20 percent last year.',
      'Last year crime went up by a fifth.',
      'The band released a new album on Friday.',
      '',
    ]);
    expect(a).toHaveLength(ENCODER_DIMENSIONS);
    expect(empty).toHaveLength(ENCODER_DIMENSIONS);
    expect(cosine(a, b)).toBeGreaterThan(cosine(a, c) + 0.2);
    const [again] = await encode(['Crime rose 20 percent last year.']);
    expect(cosine(a, again)).toBeGreaterThan(0.9999);
  }, 60_000);

  it('batches: 70 texts (two batches) come back one vector each, in order', async () => {
    const texts = Array.from({ length: 70 }, (_, i) => `Sentence number ${i} about ${i % 2 ? 'taxes' : 'football'}.`);
    const vs = await encode(texts);
    expect(vs).toHaveLength(70);
    const [t69] = await encode([texts[69]]);
    expect(cosine(vs[69], t69)).toBeGreaterThan(0.9999);
  }, 60_000);

  it('gives each text its own vector when texts of very different lengths are sorted into batches', async () => {
    const texts = Array.from({ length: 40 }, (_, i) =>
      i % 3 ? `Claim ${i}: ${'the budget grew again and '.repeat(1 + (i % 7))}done.` : `Short ${i}.`,
    );
    const sorted = await encode(texts);
    const inOrder = await (await sharedEncoder()).encode(texts, { inOrder: true });
    for (let i = 0; i < texts.length; i++) {
      expect(cosine(sorted[i], inOrder[i])).toBeGreaterThan(0.9999);
      if (i) expect(cosine(sorted[i], sorted[i - 1])).toBeLessThan(0.9999); // no two texts swapped or repeated
    }
  }, 60_000);
});
