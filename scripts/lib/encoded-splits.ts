import { createHash } from 'crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'fs';
import * as path from 'path';
import { ENCODER_DIMENSIONS, SentenceEncoder } from '../../libs/encoder/src';

const CACHE_DIR = path.resolve(__dirname, '../../.cache');

/**
 * The encoder's vectors for `texts`, cached in .cache/ (git-ignored) by a hash of the texts: the encoder is
 * deterministic, so the cache only saves the ~7 minutes of encoding the check-worthiness splits take on one core.
 */
export async function encodeCached(name: string, texts: string[]): Promise<Float32Array[]> {
  const hash = createHash('sha256').update(texts.join('\n')).digest('hex').slice(0, 16);
  const file = path.join(CACHE_DIR, `${name}-${hash}.f32`);
  if (existsSync(file)) {
    const b = readFileSync(file);
    const all = new Float32Array(b.buffer, b.byteOffset, b.byteLength / 4);
    return texts.map((_, i) => all.slice(i * ENCODER_DIMENSIONS, (i + 1) * ENCODER_DIMENSIONS));
  }
  const encoder = await SentenceEncoder.load();
  const out: Float32Array[] = [];
  const t0 = Date.now();
  for (let i = 0; i < texts.length; i += 512) {
    out.push(...(await encoder.encode(texts.slice(i, i + 512), { inOrder: true })));
    const s = (Date.now() - t0) / 1000;
    process.stderr.write(`\r${name}: ${out.length}/${texts.length} encoded (${(out.length / s).toFixed(0)}/s)`);
  }
  process.stderr.write('\n');
  mkdirSync(CACHE_DIR, { recursive: true });
  const all = new Float32Array(texts.length * ENCODER_DIMENSIONS);
  out.forEach((v, i) => all.set(v, i * ENCODER_DIMENSIONS));
  writeFileSync(file, Buffer.from(all.buffer));
  return out;
}
