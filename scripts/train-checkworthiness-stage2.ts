/**
 * Trains stage 2 of check-worthiness: one logistic regression over the sentence encoder's vector (USE lite,
 * standardized) and the stage-1 logit. Honest selection: hyper-parameters and cut-offs by 5-fold cross-validation
 * over train + dev (folds seeded), the model fit on train; dev-test is scored once, at the end, with bootstrap
 * confidence intervals. Writes libs/extraction/model/checkworthiness-stage2.json; the same data and seed give the
 * same bytes. Encoding the ~24k sentences takes 6-30 min on one core (cached in .cache/ afterwards).
 */
import { writeFileSync } from 'fs';
import * as path from 'path';
import { ClaimTyper } from '../libs/extraction/src/claim-typer';
import { CheckworthinessModel } from '../libs/extraction/src/checkworthiness-model';
import { QuantityParser } from '../libs/extraction/src/quantity-parser';
import { Stage2Model, STAGE2_MODEL_PATH, type Stage2File } from '../libs/extraction/src/stage2-model';
import { bestThreshold, prf, readSplit, type Example } from './lib/checkworthiness-data';
import { averagePrecision, scoreDense, thresholdForRecall, trainDense, type DenseOptions } from './lib/dense-logistic';
import { encodeCached } from './lib/encoded-splits';
import { rng } from './lib/logistic-trainer';

const SEED = 20241414;
const FOLDS = 5;
const STAGE1_RECALL = 0.98; // the low cut keeps this share of the check-worthy sentences for stage 2
const TARGET_RECALL = 0.85; // CHECKWORTHY_THRESHOLD's default reaches this recall in cross-validation
const GRID: DenseOptions[] = [1e-3, 1e-2].map((l2) => ({ l2, positiveWeight: 2, iterations: 120, learningRate: 0.05 }));
const BOOTSTRAP = 1000;
const r6 = (x: number) => Number(x.toPrecision(6));

async function main(): Promise<void> {
  const t0 = Date.now();
  const stage1 = CheckworthinessModel.load();
  const splits = { train: readSplit('train'), dev: readSplit('dev'), devTest: readSplit('devTest') };
  const all: Example[] = [...splits.train, ...splits.dev, ...splits.devTest];
  const nTrain = splits.train.length;
  const nDev = splits.dev.length;
  const vectors = [
    ...(await encodeCached(
      'train',
      splits.train.map((e) => e.text),
    )),
    ...(await encodeCached(
      'dev',
      splits.dev.map((e) => e.text),
    )),
    ...(await encodeCached(
      'devTest',
      splits.devTest.map((e) => e.text),
    )),
  ];
  const y = all.map((e) => e.label);
  const s1 = all.map((e) => stage1.score(e.text));
  const D = vectors[0].length;
  const dims = D + 1;
  // Standardization from train only.
  const mean = new Float64Array(D);
  const scale = new Float64Array(D);
  for (let i = 0; i < nTrain; i++) for (let d = 0; d < D; d++) mean[d] += vectors[i][d] / nTrain;
  for (let i = 0; i < nTrain; i++) for (let d = 0; d < D; d++) scale[d] += (vectors[i][d] - mean[d]) ** 2 / nTrain;
  for (let d = 0; d < D; d++) scale[d] = r6(Math.sqrt(scale[d]) || 1);
  for (let d = 0; d < D; d++) mean[d] = r6(mean[d]);
  const X = new Float32Array(all.length * dims);
  const logit = (p: number) => Math.log(Math.max(p, 1e-6) / Math.max(1 - p, 1e-6));
  all.forEach((_, i) => {
    for (let d = 0; d < D; d++) X[i * dims + d] = (vectors[i][d] - mean[d]) / scale[d];
    X[i * dims + D] = logit(s1[i]);
  });

  // Low cut for stage 2: the stage-1 score keeping STAGE1_RECALL of the Yes sentences of train + dev.
  const trainDev = Array.from({ length: nTrain + nDev }, (_, i) => i);
  const stage1Cut = r6(
    thresholdForRecall(
      trainDev.map((i) => y[i]),
      trainDev.map((i) => s1[i]),
      STAGE1_RECALL,
    ),
  );
  const pipeline = (combined: number, i: number) => (s1[i] >= stage1Cut ? combined : s1[i]);

  // 5 folds over train + dev, seeded; out-of-fold pipeline scores per grid point.
  const random = rng(SEED);
  const shuffled = [...trainDev];
  for (let i = shuffled.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [shuffled[i], shuffled[j]] = [shuffled[j], shuffled[i]];
  }
  const fold = new Int32Array(all.length);
  shuffled.forEach((i, k) => (fold[i] = k % FOLDS));
  let best: { options: DenseOptions; ap: number; oof: Float64Array } | null = null;
  for (const options of GRID) {
    const oof = new Float64Array(all.length);
    for (let f = 0; f < FOLDS; f++) {
      const w = trainDense(
        X,
        dims,
        y,
        trainDev.filter((i) => fold[i] !== f),
        options,
      );
      for (const i of trainDev) if (fold[i] === f) oof[i] = pipeline(scoreDense(w, X, dims, i), i);
    }
    const ap = averagePrecision(y, oof, trainDev);
    console.log(`CV l2=${options.l2}: AP ${ap.toFixed(4)} (${((Date.now() - t0) / 1000).toFixed(0)} s)`);
    if (!best || ap > best.ap) best = { options, ap, oof };
  }
  const { options, oof } = best!;
  const cvLabels = trainDev.map((i) => y[i]);
  const cvScores = trainDev.map((i) => oof[i]);
  const bestF1 = bestThreshold(cvLabels, cvScores);
  const threshold = r6(thresholdForRecall(cvLabels, cvScores, TARGET_RECALL));
  const cvAt = prf(
    cvLabels,
    cvScores.map((s) => s >= threshold),
  );

  // The model: fit on train only.
  const w = trainDense(
    X,
    dims,
    y,
    Array.from({ length: nTrain }, (_, i) => i),
    options,
  );
  const file: Stage2File = {
    version: 1,
    encoder: 'use-lite-512',
    stage1Cut,
    threshold,
    bestF1Threshold: r6(bestF1.threshold),
    mean: [...mean],
    scale: [...scale],
    weights: Array.from(w.subarray(0, D), r6),
    stage1Weight: r6(w[D]),
    bias: r6(w[dims]),
    trainedOn: `CT24 English train (${nTrain}); l2 ${options.l2}, cut-offs by ${FOLDS}-fold CV over train + dev (seed ${SEED})`,
    metrics: {},
  };

  // Dev-test, once: the pipeline as the runtime scores it (the rounded weights).
  const model = Stage2Model.fromFile(file);
  const dt = Array.from({ length: splits.devTest.length }, (_, k) => nTrain + nDev + k);
  const yt = dt.map((i) => y[i]);
  const two = dt.map((i) => (s1[i] >= stage1Cut ? model.combine(s1[i], vectors[i]) : s1[i]));
  const one = dt.map((i) => s1[i]);
  const stage1Threshold = thresholdForRecall(
    cvLabels,
    cvLabels.map((_, k) => s1[trainDev[k]]),
    TARGET_RECALL,
  );
  const typer = new ClaimTyper();
  const parser = new QuantityParser();
  const types = dt.map((i) => typer.type(all[i].text, parser.parse(all[i].text)));
  const report = (scores: number[], cutF1: number, cutRecall: number) => {
    const atBest = prf(
      yt,
      scores.map((s) => s >= cutF1),
    );
    const atRecall = prf(
      yt,
      scores.map((s) => s >= cutRecall),
    );
    const ap = averagePrecision(yt, scores);
    // Bootstrap over dev-test sentences (seeded): 95% intervals of F1 at the best-F1 cut and of AP.
    const br = rng(SEED + 1);
    const f1s: number[] = [];
    const aps: number[] = [];
    for (let b = 0; b < BOOTSTRAP; b++) {
      const rows = dt.map(() => Math.floor(br() * dt.length));
      const ys = rows.map((r) => yt[r]);
      const ss = rows.map((r) => scores[r]);
      f1s.push(
        prf(
          ys,
          ss.map((s) => s >= cutF1),
        ).f1,
      );
      aps.push(averagePrecision(ys, ss));
    }
    const ci = (xs: number[]) => {
      const s = [...xs].sort((a, b) => a - b);
      return [r6(s[Math.floor(0.025 * s.length)]), r6(s[Math.floor(0.975 * s.length)])];
    };
    const byType: Record<string, number> = {};
    for (const t of [...new Set(types)].sort()) {
      const rows = yt.map((_, k) => k).filter((k) => types[k] === t && yt[k]);
      if (rows.length)
        byType[`${t} (${rows.length})`] = r6(rows.filter((k) => scores[k] >= cutRecall).length / rows.length);
    }
    return {
      f1: r6(atBest.f1),
      f1CI: ci(f1s),
      precisionAtBest: r6(atBest.precision),
      recallAtBest: r6(atBest.recall),
      averagePrecision: r6(ap),
      apCI: ci(aps),
      atDefaultCut: { cut: r6(cutRecall), precision: r6(atRecall.precision), recall: r6(atRecall.recall) },
      recallByTypeAtDefaultCut: byType,
    };
  };
  file.metrics = {
    crossValidation: {
      averagePrecision: r6(best!.ap),
      bestF1: r6(bestF1.f1),
      atThreshold: { precision: r6(cvAt.precision), recall: r6(cvAt.recall) },
      stage2Share: r6(trainDev.filter((i) => s1[i] >= stage1Cut).length / trainDev.length),
    },
    devTestTwoStage: report(two, file.bestF1Threshold, threshold),
    devTestFast: report(one, stage1.threshold, stage1Threshold),
  };
  const json = `${JSON.stringify(file)}\n`;
  writeFileSync(STAGE2_MODEL_PATH, json);
  console.log(JSON.stringify(file.metrics, null, 2));
  console.log(
    `wrote ${path.relative(process.cwd(), STAGE2_MODEL_PATH)} (${(json.length / 1024).toFixed(0)} KiB) in ${((Date.now() - t0) / 1000).toFixed(0)} s`,
  );
}

void main();
