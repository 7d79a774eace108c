// eslint-disable-next-line no-restricted-imports -- the spec scores the data split the training script reads
import { readSplit } from '../../../scripts/lib/checkworthiness-data';
import { DEFAULT_FEATURES, featurize, hash } from './checkworthiness-features';
import type { Analysis } from './wink-nlp';
import { CheckworthinessModel } from './checkworthiness-model';
import { analyze } from './wink-nlp';

describe(CheckworthinessModel.name, () => {
  const model = CheckworthinessModel.load();

  it('loads the trained model file with a threshold inside (0, 1)', () => {
    expect(model.trained).toBe(true);
    expect(model.threshold).toBeGreaterThan(0);
    expect(model.threshold).toBeLessThan(1);
  });

  it('separates the dev set (CT24 dev = ClaimBuster groundtruth) at F1 >= 0.85', () => {
    // The same reader the train and eval scripts use, on the shared data beside the repository.
    const dev = readSplit('dev').map((e) => ({ text: e.text, yes: e.label === 1 }));
    let tp = 0;
    let fp = 0;
    let fn = 0;
    for (const { text, yes } of dev) {
      const s = model.score(text);
      expect(s).toBeGreaterThanOrEqual(0);
      expect(s).toBeLessThanOrEqual(1);
      const predicted = s >= model.threshold;
      if (predicted && yes) tp++;
      else if (predicted) fp++;
      else if (yes) fn++;
    }
    expect(dev.length).toBe(1032);
    expect((2 * tp) / (2 * tp + fp + fn)).toBeGreaterThanOrEqual(0.85);
  });

  it('ranks a statistical claim above chit-chat and a question', () => {
    const claim = model.score("We're consuming 50 percent of the world's cocaine.");
    expect(claim).toBeGreaterThan(model.threshold);
    expect(model.score('Thank you very much, it is good to be here.')).toBeLessThan(claim);
    expect(model.score('What would you do about it?')).toBeLessThan(model.threshold);
  });

  it('falls back to a heuristic, flagged as untrained, without a model file', () => {
    const fallback = CheckworthinessModel.load('/nonexistent/checkworthiness.json');
    expect(fallback.trained).toBe(false);
    expect(fallback.score('Unemployment rose to 7.1% in 2019 in Ohio.')).toBeGreaterThan(fallback.score('Thanks.'));
  });

  it('round-trips weights through the file form within quantisation error', () => {
    const w = [0.5, -0.25, 0, 1.5, -0.1];
    const m = CheckworthinessModel.fromJson(
      CheckworthinessModel.toJson(w, { ...DEFAULT_FEATURES, bits: 2 }, 0.4, { trainedOn: 'test' }),
    );
    expect(m.threshold).toBe(0.4);
    const text = 'Taxes rose.';
    const x = featurize(text, analyze(text), { ...DEFAULT_FEATURES, bits: 2 });
    const z = -0.1 + x.reduce((acc, f) => acc + w[f], 0) / Math.sqrt(x.length + 1);
    expect(m.score(text)).toBeCloseTo(1 / (1 + Math.exp(-z)), 3);
  });
});

describe('featurize', () => {
  it('is deterministic and stays inside the hash space', () => {
    const text = 'The deficit doubled to $1.4 trillion in 2009, I think.';
    const a = featurize(text, analyze(text), DEFAULT_FEATURES);
    expect(featurize(text, analyze(text), DEFAULT_FEATURES)).toEqual(a);
    expect(a.every((f) => f >= 0 && f < 1 << DEFAULT_FEATURES.bits)).toBe(true);
  });

  it('hashes the same features as building each feature string and hashing it (the model file depends on it)', () => {
    // The string form of the n-gram features, as the model was trained on it (hand features are covered by eval).
    const reference = (a: Analysis): number[] => {
      const mask = (1 << DEFAULT_FEATURES.bits) - 1;
      const add = (f: string) => hash(f) & mask;
      const words = a.tokens
        .filter((_, i) => a.pos[i] !== 'PUNCT' && a.pos[i] !== 'SPACE')
        .map((t) => {
          const l = t.toLowerCase();
          return /^\d[\d,.]*$/.test(l) ? (l.length >= 4 && /^(1[89]|20)\d\d$/.test(l) ? '<year>' : '<num>') : l;
        });
      const tags = a.pos.filter((p) => p !== 'SPACE');
      const out = words.map((w) => add(`w:${w}`));
      ['<s>', ...words].forEach((w, i, all) => out.push(add(`b:${w}_${all[i + 1] ?? '</s>'}`)));
      for (const n of DEFAULT_FEATURES.charNgrams)
        for (const w of words)
          for (let i = 0; i + n <= w.length + 2; i++) out.push(add(`c${n}:${` ${w} `.slice(i, i + n)}`));
      tags.forEach((t, i) =>
        out.push(
          add(`p:${t}`),
          add(`pp:${tags[i - 1] ?? '<s>'}_${t}`),
          add(`ppp:${tags[i - 2] ?? '<s>'}_${tags[i - 1] ?? '<s>'}_${t}`),
        ),
      );
      return [...out, ...a.entities.map((e) => add(`e:${e}`))];
    };
    for (const { text } of readSplit('dev').slice(0, 300)) {
      const a = analyze(text);
      const hand = featurize(text, a, {
        ...DEFAULT_FEATURES,
        words: false,
        bigrams: false,
        charNgrams: [],
        pos: false,
      }).length;
      const all = featurize(text, a, DEFAULT_FEATURES);
      expect(all.slice(0, all.length - hand)).toEqual(reference(a));
    }
  });

  it('uses a stable hash (the model file depends on it)', () => {
    expect(hash('w:tax')).toBe(hash('w:tax'));
    expect(hash('')).toBe(0x811c9dc5);
    expect(hash('a')).toBe(0xe40c292c);
  });
});
