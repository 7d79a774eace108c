import { createHash } from 'crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'fs';
import * as path from 'path';
import { encode, ENCODER_DIMENSIONS } from '@claimdesk/encoder';

export { cosine } from '@claimdesk/encoder';

/** A sentence encoder: unit-length vectors whose dot product is the cosine similarity. */
export interface SentenceEncoder {
  readonly dimensions: number;
  encode(texts: string[]): Promise<Float32Array[]>;
}

/**
 * Universal Sentence Encoder lite through @claimdesk/encoder (the process's one copy of the model, the same
 * vectors the pipeline stores in claims.embedding). Loaded on first use.
 */
export class UseEncoder implements SentenceEncoder {
  readonly dimensions = ENCODER_DIMENSIONS;

  encode(texts: string[]): Promise<Float32Array[]> {
    return encode(texts);
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
