import { unpackVector } from '@claimdesk/encoder';
import { Stage2Model } from './stage2-model';
import type { ExtractedClaim } from './types';

describe(Stage2Model.name, () => {
  const model = Stage2Model.load()!;
  const claim = (text: string, score: number): ExtractedClaim => ({
    text,
    sentence: text,
    span: { start: 0, end: text.length },
    section: 'body',
    score,
    type: 'other',
    quantities: [],
    claimant: null,
  });
  // A stand-in encoder (the real one has its own spec): a vector derived from the text, and the calls it got.
  const calls: string[][] = [];
  const encode = (texts: string[]) => {
    calls.push(texts);
    return Promise.resolve(
      texts.map((t) => Float32Array.from({ length: 512 }, (_, d) => ((t.length * (d + 1)) % 7) / 70)),
    );
  };

  it('ships a trained model whose cut-offs come from cross-validation', () => {
    expect(model).not.toBeNull();
    expect(model.stage1Cut).toBeGreaterThan(0);
    expect(model.threshold).toBeGreaterThan(model.stage1Cut);
    expect(model.file.metrics).toHaveProperty('crossValidation.atThreshold.recall');
  });

  it('rescores only the claims passing the low cut, across articles in one encoder call, with their vectors', async () => {
    calls.length = 0;
    const a = [claim('Prices rose 5 percent.', 0.9), claim('Hello there, friends.', model.stage1Cut / 2)];
    const b = [claim('Taxes fell by half.', model.stage1Cut)];
    expect(await model.rescore([a, b], encode)).toBe(2);
    expect(calls).toEqual([['Prices rose 5 percent.', 'Taxes fell by half.']]);
    expect(a[0].scoredBy).toEqual(['fast', 'encoder']);
    expect(a[0].score).not.toBe(0.9);
    expect(unpackVector(a[0].embedding!)).toHaveLength(512);
    expect(a[1]).toMatchObject({ score: model.stage1Cut / 2 });
    expect(a[1].scoredBy).toBeUndefined();
    expect(b[0].score).toBeCloseTo(model.combine(model.stage1Cut, (await encode(['Taxes fell by half.']))[0]), 10);
  });

  it('sends at most the best N sentences of one article to stage 2', async () => {
    calls.length = 0;
    const many = Array.from({ length: 50 }, (_, i) => claim(`Claim ${i} rose.`, 0.5 + i / 100));
    expect(await model.rescore([many], encode, 10)).toBe(10);
    expect(calls[0]).toEqual(Array.from({ length: 10 }, (_, i) => `Claim ${49 - i} rose.`));
  });
});
