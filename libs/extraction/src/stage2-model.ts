import { existsSync, readFileSync } from 'fs';
import * as path from 'path';
import { packVector } from '@claimdesk/encoder';
import type { ExtractedClaim } from './types';

/** At most this many sentences of one article go to stage 2. */
export const STAGE2_MAX_PER_ARTICLE = 300;

export const STAGE2_MODEL_PATH = path.join(__dirname, '..', 'model', 'checkworthiness-stage2.json');

/** Encodes sentences into vectors (the sentence encoder, in process or in its thread). */
export type EncodeFn = (texts: string[]) => Promise<Float32Array[]>;

export interface Stage2File {
  version: 1;
  encoder: string;
  /** Stage 2 runs on sentences whose stage-1 score is at least this (a low cut: stage-1 recall ~0.98). */
  stage1Cut: number;
  /** Recall-first cut-off (cross-validated recall >= 0.85 over train + dev): CHECKWORTHY_THRESHOLD's default. */
  threshold: number;
  /** The cut-off with the best cross-validated F1. */
  bestF1Threshold: number;
  /** Logistic regression over the standardized vector and the stage-1 logit. */
  mean: number[];
  scale: number[];
  weights: number[];
  stage1Weight: number;
  bias: number;
  trainedOn: string;
  metrics: Record<string, unknown>;
}

const logit = (p: number) => Math.log(Math.max(p, 1e-6) / Math.max(1 - p, 1e-6));

/** Stage 2 of check-worthiness: one trained combiner of the stage-1 score and the sentence encoder's vector. */
export class Stage2Model {
  private readonly w: Float64Array;
  private readonly b: number;

  private constructor(readonly file: Stage2File) {
    // Standardization folded into the weights: z = b' + sum w'[d] v[d] + ws * logit(s1).
    this.w = Float64Array.from(file.weights, (w, d) => w / (file.scale[d] || 1));
    this.b = file.bias - file.weights.reduce((acc, w, d) => acc + (w * file.mean[d]) / (file.scale[d] || 1), 0);
  }

  static load(file: string = STAGE2_MODEL_PATH): Stage2Model | null {
    if (!existsSync(file)) return null;
    return new Stage2Model(JSON.parse(readFileSync(file, 'utf8')) as Stage2File);
  }

  static fromFile(file: Stage2File): Stage2Model {
    return new Stage2Model(file);
  }

  get stage1Cut(): number {
    return this.file.stage1Cut;
  }

  get threshold(): number {
    return this.file.threshold;
  }

  /** The combined score in [0, 1]. */
  combine(stage1Score: number, vector: ArrayLike<number>): number {
    let z = this.b + this.file.stage1Weight * logit(stage1Score);
    for (let d = 0; d < this.w.length; d++) z += this.w[d] * vector[d];
    return 1 / (1 + Math.exp(-z));
  }

  /** Two-stage scores of plain texts given their stage-1 scores (the texts under the low cut keep theirs). */
  async scoreTexts(texts: string[], stage1Scores: number[], encode: EncodeFn): Promise<number[]> {
    const picked = texts.map((_, i) => i).filter((i) => stage1Scores[i] >= this.stage1Cut);
    const out = [...stage1Scores];
    const vectors = picked.length ? await encode(picked.map((i) => texts[i])) : [];
    picked.forEach((i, k) => (out[i] = this.combine(stage1Scores[i], vectors[k])));
    return out;
  }

  /** The cut-off with the best cross-validated F1 (the Yes/No label of `cli score`). */
  get bestF1Threshold(): number {
    return this.file.bestF1Threshold;
  }

  /**
   * Stage 2 over any number of articles' claims at once (one encoder call: batches cross articles): each claim
   * whose stage-1 score passes the low cut is encoded, rescored by the combiner, marked scored by both stages and
   * given its packed vector. The others keep their stage-1 score. Returns how many were encoded.
   */
  async rescore(
    articles: ExtractedClaim[][],
    encode: EncodeFn,
    maxPerArticle = STAGE2_MAX_PER_ARTICLE,
  ): Promise<number> {
    // A hostile article with thousands of sentences must not hold the shared encoder for minutes: its best
    // `maxPerArticle` by stage 1 go to stage 2, the rest keep their stage-1 score.
    const picked = articles.flatMap((claims) =>
      claims
        .filter((c) => c.score >= this.stage1Cut)
        .sort((a, b) => b.score - a.score)
        .slice(0, maxPerArticle),
    );
    if (!picked.length) return 0;
    const vectors = await encode(picked.map((c) => c.text));
    picked.forEach((c, i) => {
      c.score = this.combine(c.score, vectors[i]);
      c.scoredBy = ['fast', 'encoder'];
      c.embedding = packVector(vectors[i]);
    });
    return picked.length;
  }
}
