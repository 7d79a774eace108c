/**
 * The compact stored form of a sentence vector (claims.embedding, bytea): a 4-byte little-endian float32 scale,
 * then one signed byte per dimension (v[d] ~= byte * scale). 516 bytes for the 512-d encoder instead of 2,048 as
 * float32; cosine similarity after a round trip stays within about 0.001 of the original.
 */
export const PACK_HEADER_BYTES = 4;

export function packVector(v: ArrayLike<number>): Uint8Array {
  let max = 0;
  for (let i = 0; i < v.length; i++) max = Math.max(max, Math.abs(v[i]));
  const scale = max / 127 || 1;
  const out = new Uint8Array(PACK_HEADER_BYTES + v.length);
  new DataView(out.buffer).setFloat32(0, scale, true);
  const q = new Int8Array(out.buffer, PACK_HEADER_BYTES);
  for (let i = 0; i < v.length; i++) q[i] = Math.max(-127, Math.min(127, Math.round(v[i] / scale)));
  return out;
}

export function unpackVector(packed: Uint8Array): Float32Array {
  if (packed.byteLength < PACK_HEADER_BYTES) throw new Error('not a packed vector: too short');
  const scale = new DataView(packed.buffer, packed.byteOffset, packed.byteLength).getFloat32(0, true);
  const q = new Int8Array(packed.buffer, packed.byteOffset + PACK_HEADER_BYTES, packed.byteLength - PACK_HEADER_BYTES);
  const out = new Float32Array(q.length);
  for (let i = 0; i < q.length; i++) out[i] = q[i] * scale;
  return out;
}

/** Cosine similarity of two vectors of the same length (0 when either is all zeros). */
export function cosine(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) throw new Error(`vector lengths differ: ${a.length} vs ${b.length}`);
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
