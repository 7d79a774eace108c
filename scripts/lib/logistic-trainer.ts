/** Seeded PRNG (mulberry32) so training is reproducible. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface TrainOptions {
  dims: number;
  epochs: number;
  learningRate: number;
  l2: number;
  /** Weight of a positive example relative to a negative one. */
  positiveWeight: number;
  seed: number;
}

/**
 * Logistic regression on sparse binary features with AdaGrad and L2 (lazy updates are not needed at this size).
 * Returns the weights (last slot is the bias) averaged over all steps, which smooths SGD noise.
 * Optional: `values[f]` replaces the unit value of feature f (NB-scaled features), `sampleWeights[i]` scales the loss
 * of example i (noisy-label down-weighting); without them training is exactly as before.
 */
export function trainLogistic(
  xs: number[][],
  ys: number[],
  o: TrainOptions,
  values?: ArrayLike<number>,
  sampleWeights?: ArrayLike<number>,
): Float64Array {
  const w = new Float64Array(o.dims + 1);
  const g2 = new Float64Array(o.dims + 1).fill(1e-8);
  // Averaged SGD via the usual trick: avg = w - u / c, with u accumulating c * update.
  const u = new Float64Array(o.dims + 1);
  let c = 1;
  const random = rng(o.seed);
  const order = xs.map((_, i) => i);
  for (let epoch = 0; epoch < o.epochs; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [order[i], order[j]] = [order[j], order[i]];
    }
    for (const idx of order) {
      const x = xs[idx];
      const scale = 1 / Math.sqrt(x.length + 1);
      let z = w[o.dims];
      if (values) for (const f of x) z += w[f] * values[f] * scale;
      else for (const f of x) z += w[f] * scale;
      const p = 1 / (1 + Math.exp(-z));
      const weight = (ys[idx] === 1 ? o.positiveWeight : 1) * (sampleWeights ? sampleWeights[idx] : 1);
      const g = (p - ys[idx]) * weight;
      for (const f of x) {
        const grad = g * scale * (values ? values[f] : 1) + o.l2 * w[f];
        g2[f] += grad * grad;
        const delta = (o.learningRate * grad) / Math.sqrt(g2[f]);
        w[f] -= delta;
        u[f] -= c * delta;
      }
      g2[o.dims] += g * g;
      const delta = (o.learningRate * g) / Math.sqrt(g2[o.dims]);
      w[o.dims] -= delta;
      u[o.dims] -= c * delta;
      c++;
    }
  }
  const avg = new Float64Array(o.dims + 1);
  for (let k = 0; k < avg.length; k++) avg[k] = w[k] - u[k] / c;
  return avg;
}

export function predict(w: Float64Array, dims: number, x: number[]): number {
  const scale = 1 / Math.sqrt(x.length + 1);
  let z = w[dims];
  for (const f of x) z += w[f] * scale;
  return 1 / (1 + Math.exp(-z));
}
