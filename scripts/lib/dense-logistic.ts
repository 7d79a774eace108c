/** Dense logistic regression for the stage-2 combiner: full-batch Adam with L2, deterministic (no sampling). */
export interface DenseOptions {
  l2: number;
  positiveWeight: number;
  iterations: number;
  learningRate: number;
}

/** `X` is row-major (n x dims). Returns weights with the bias in the last slot. */
export function trainDense(X: Float32Array, dims: number, y: ArrayLike<number>, rows: number[], o: DenseOptions) {
  const w = new Float64Array(dims + 1);
  const m = new Float64Array(dims + 1);
  const v = new Float64Array(dims + 1);
  const g = new Float64Array(dims + 1);
  let total = 0;
  for (const i of rows) total += y[i] ? o.positiveWeight : 1;
  for (let it = 1; it <= o.iterations; it++) {
    g.fill(0);
    for (const i of rows) {
      const off = i * dims;
      let z = w[dims];
      for (let d = 0; d < dims; d++) z += w[d] * X[off + d];
      const e = ((1 / (1 + Math.exp(-z)) - y[i]) * (y[i] ? o.positiveWeight : 1)) / total;
      for (let d = 0; d < dims; d++) g[d] += e * X[off + d];
      g[dims] += e;
    }
    for (let d = 0; d <= dims; d++) {
      const gd = g[d] + (d < dims ? o.l2 * w[d] : 0);
      m[d] = 0.9 * m[d] + 0.1 * gd;
      v[d] = 0.999 * v[d] + 0.001 * gd * gd;
      w[d] -= (o.learningRate * m[d]) / (1 - 0.9 ** it) / (Math.sqrt(v[d] / (1 - 0.999 ** it)) + 1e-8);
    }
  }
  return w;
}

export function scoreDense(w: Float64Array, X: Float32Array, dims: number, i: number): number {
  let z = w[dims];
  for (let d = 0; d < dims; d++) z += w[d] * X[i * dims + d];
  return 1 / (1 + Math.exp(-z));
}

/** Average precision of scores against 0/1 labels (ties broken by order). */
export function averagePrecision(labels: ArrayLike<number>, scores: ArrayLike<number>, rows?: number[]): number {
  const idx = rows ?? Array.from({ length: labels.length }, (_, i) => i);
  const order = [...idx].sort((a, b) => scores[b] - scores[a]);
  const positives = order.filter((i) => labels[i]).length;
  let tp = 0;
  let sum = 0;
  order.forEach((i, k) => {
    if (labels[i]) {
      tp++;
      sum += tp / (k + 1);
    }
  });
  return positives ? sum / positives : 0;
}

/** The highest cut-off whose recall over `rows` is at least `recall`. */
export function thresholdForRecall(labels: ArrayLike<number>, scores: ArrayLike<number>, recall: number): number {
  const pos = Array.from({ length: labels.length }, (_, i) => i)
    .filter((i) => labels[i])
    .map((i) => scores[i])
    .sort((a, b) => b - a);
  const k = Math.ceil(recall * pos.length) - 1;
  return pos[Math.max(0, Math.min(pos.length - 1, k))];
}
