import { existsSync, readFileSync } from 'fs';
import * as path from 'path';
import { featureBuffer, features, type FeatureConfig } from './checkworthiness-features';
import { analyze, type Analysis } from './wink-nlp';

export const DEFAULT_MODEL_PATH = path.join(__dirname, '..', 'model', 'checkworthiness.json');

/** On-disk form of the model: hashed-feature logistic regression, weights as base64 int16. */
export interface CheckworthinessModelFile {
  version: 1;
  features: FeatureConfig;
  threshold: number;
  bias: number;
  /** Weight = int16 * scale. */
  scale: number;
  weights: string;
  trainedOn: string;
  metrics?: Record<string, unknown>;
}

const OPINION = /\b(think|believe|feel|should|hope|want|love|wonderful|great|terrible|thank|thanks)\b/i;

/**
 * Scores how worth checking a sentence is, in [0, 1]: a logistic regression over hashed features trained by
 * `npm run train:checkworthiness`. Without a model file (before the first training) it falls back to a
 * hand-weighted heuristic, and says so through `trained`.
 */
export class CheckworthinessModel {
  private constructor(
    readonly threshold: number,
    readonly trained: boolean,
    private readonly file: CheckworthinessModelFile | null,
    private readonly weights: Float32Array | null,
  ) {}

  static load(file: string = DEFAULT_MODEL_PATH): CheckworthinessModel {
    if (!existsSync(file)) return new CheckworthinessModel(0.5, false, null, null);
    return CheckworthinessModel.fromJson(JSON.parse(readFileSync(file, 'utf8')) as CheckworthinessModelFile);
  }

  static fromJson(m: CheckworthinessModelFile): CheckworthinessModel {
    const buf = Buffer.from(m.weights, 'base64');
    const q = new Int16Array(buf.buffer, buf.byteOffset, buf.byteLength / 2);
    const w = new Float32Array(q.length);
    for (let i = 0; i < q.length; i++) w[i] = q[i] * m.scale;
    return new CheckworthinessModel(m.threshold, true, m, w);
  }

  /** Packs trained weights (bias in the last slot) into the file form. */
  static toJson(
    weights: ArrayLike<number>,
    features: FeatureConfig,
    threshold: number,
    extra: Pick<CheckworthinessModelFile, 'trainedOn' | 'metrics'>,
  ): CheckworthinessModelFile {
    const dims = weights.length - 1;
    let max = 1e-9;
    for (let i = 0; i < dims; i++) max = Math.max(max, Math.abs(weights[i]));
    const scale = max / 32767;
    const q = new Int16Array(dims);
    for (let i = 0; i < dims; i++) q[i] = Math.round(weights[i] / scale);
    return {
      version: 1,
      features,
      threshold,
      bias: weights[dims],
      scale,
      weights: Buffer.from(q.buffer).toString('base64'),
      ...extra,
    };
  }

  score(text: string): number {
    return this.scoreAnalysis(text, analyze(text));
  }

  scoreAnalysis(text: string, a: Analysis): number {
    if (!this.file || !this.weights) return heuristic(text, a);
    const n = featureBuffer(text, a, this.file.features);
    const x = features();
    // Same normalisation as the trainer: long sentences do not win by having more features.
    const scale = 1 / Math.sqrt(n + 1);
    let z = this.file.bias;
    for (let i = 0; i < n; i++) z += this.weights[x[i]] * scale;
    return 1 / (1 + Math.exp(-z));
  }
}

function heuristic(text: string, a: Analysis): number {
  let z = -1;
  if (a.pos.includes('NUM')) z += 1.5;
  z += 0.5 * Math.min(3, a.entities.filter((e) => e !== 'DATE' && e !== 'ORDINAL').length);
  z += 0.3 * Math.min(4, a.pos.filter((p) => p === 'PROPN').length);
  if (/\?\s*["”]?$/.test(text)) z -= 1.5;
  if (OPINION.test(text)) z -= 0.7;
  if (a.tokens.length < 7) z -= 1.5;
  return 1 / (1 + Math.exp(-z));
}
