/**
 * A one-layer CNN over frozen word vectors, for the dev-only encoder experiments: conv of width K over the tokens
 * (ReLU), max-pooled over positions, then a logistic output. Only the argmax positions get gradient, so a step costs
 * about one forward pass. Soft targets (knowledge distillation) are allowed.
 */
import { rng } from '../scripts/lib/logistic-trainer';

export interface WordCnnOptions {
  /** Filters. */
  filters: number;
  width: number;
  epochs: number;
  learningRate: number;
  dropout: number;
  positiveWeight: number;
  seed: number;
}

export class WordCnn {
  private readonly w: Float32Array;
  private readonly b: Float32Array;
  private readonly u: Float32Array;
  private c = 0;
  private readonly h = new Float32Array(1024 * 256);

  /** `emb`: one row of `dims` values per word id; token ids < 0 are unknown words (zero vectors). */
  constructor(
    private readonly emb: Float32Array,
    private readonly dims: number,
    private readonly o: WordCnnOptions,
  ) {
    const random = rng(o.seed);
    const gauss = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
    this.w = Float32Array.from({ length: o.width * dims * o.filters }, () => gauss() * Math.sqrt(2 / (o.width * dims)));
    this.b = new Float32Array(o.filters);
    this.u = Float32Array.from({ length: o.filters }, () => gauss() * 0.1);
  }

  /** The logit of one sentence; with `keep`, dropout is applied (training). */
  logit(x: Int32Array, keep?: Uint8Array): { z: number; pooled: Float32Array; arg: Int32Array } {
    const { filters: F, width: K, dropout } = this.o;
    const P = this.dims;
    const T = Math.min(x.length + K - 1, this.h.length / F);
    for (let t = 0; t < T; t++) {
      const base = t * F;
      this.h.set(this.b, base);
      for (let k = 0; k < K; k++) {
        const pos = t - (K - 1) + k;
        if (pos < 0 || pos >= x.length || x[pos] < 0) continue;
        const e = x[pos] * P;
        for (let p = 0; p < P; p++) {
          const ev = this.emb[e + p];
          const row = (k * P + p) * F;
          for (let f = 0; f < F; f++) this.h[base + f] += ev * this.w[row + f];
        }
      }
    }
    const pooled = new Float32Array(F);
    const arg = new Int32Array(F).fill(-1);
    for (let f = 0; f < F; f++) {
      for (let t = 0; t < T; t++) {
        if (this.h[t * F + f] > pooled[f]) {
          pooled[f] = this.h[t * F + f];
          arg[f] = t;
        }
      }
    }
    let z = this.c;
    const scale = keep ? 1 / (1 - dropout) : 1;
    for (let f = 0; f < F; f++) if (!keep || keep[f]) z += this.u[f] * pooled[f] * scale;
    return { z, pooled, arg };
  }

  /** Adam on minibatches of 32; `targets` in [0, 1]. */
  train(xs: Int32Array[], targets: number[], onEpoch?: (epoch: number) => void): void {
    const { filters: F, width: K, dropout, learningRate: lr } = this.o;
    const P = this.dims;
    const random = rng(this.o.seed + 1);
    const params = [this.w, this.b, this.u];
    const grads = params.map((p) => new Float32Array(p.length));
    const m = params.map((p) => new Float32Array(p.length));
    const v = params.map((p) => new Float32Array(p.length));
    const order = xs.map((_, i) => i);
    let step = 0;
    for (let epoch = 1; epoch <= this.o.epochs; epoch++) {
      for (let i = order.length - 1; i > 0; i--) {
        const j = Math.floor(random() * (i + 1));
        [order[i], order[j]] = [order[j], order[i]];
      }
      for (let s = 0; s < order.length; s += 32) {
        grads.forEach((g) => g.fill(0));
        let gc = 0;
        const batch = order.slice(s, s + 32);
        for (const idx of batch) {
          const x = xs[idx];
          const keep = Uint8Array.from({ length: F }, () => (random() >= dropout ? 1 : 0));
          const { z, pooled, arg } = this.logit(x, keep);
          const t = targets[idx];
          const g = ((1 / (1 + Math.exp(-z)) - t) * (1 + (this.o.positiveWeight - 1) * t)) / batch.length;
          gc += g;
          const scale = 1 / (1 - dropout);
          for (let f = 0; f < F; f++) {
            if (!keep[f]) continue;
            grads[2][f] += g * pooled[f] * scale;
            if (arg[f] < 0) continue;
            const dh = g * this.u[f] * scale;
            grads[1][f] += dh;
            for (let k = 0; k < K; k++) {
              const pos = arg[f] - (K - 1) + k;
              if (pos < 0 || pos >= x.length || x[pos] < 0) continue;
              for (let p = 0; p < P; p++) grads[0][(k * P + p) * F + f] += dh * this.emb[x[pos] * P + p];
            }
          }
        }
        step++;
        const c1 = 1 - 0.9 ** step;
        const c2 = 1 - 0.999 ** step;
        params.forEach((p, n) => {
          const g = grads[n];
          for (let j = 0; j < p.length; j++) {
            m[n][j] = 0.9 * m[n][j] + 0.1 * g[j];
            v[n][j] = 0.999 * v[n][j] + 0.001 * g[j] * g[j];
            p[j] -= (lr * m[n][j]) / c1 / (Math.sqrt(v[n][j] / c2) + 1e-8);
          }
        });
        this.c -= lr * 10 * gc;
      }
      onEpoch?.(epoch);
    }
  }
}
