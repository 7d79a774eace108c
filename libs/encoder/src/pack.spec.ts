import { cosine, packVector, PACK_HEADER_BYTES, unpackVector } from './pack';

describe('packed vectors', () => {
  let seed = 7;
  const rand = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32 - 0.5;
  const vector = (n: number) => Float32Array.from({ length: n }, () => rand() * 0.2);

  it('stores 512 dimensions in 516 bytes and keeps cosine similarity within 0.002', () => {
    for (let k = 0; k < 50; k++) {
      const a = vector(512);
      const b = vector(512).map((x, i) => x + a[i]); // correlated, so similarities are not all near 0
      const pa = packVector(a);
      expect(pa.byteLength).toBe(512 + PACK_HEADER_BYTES);
      expect(Math.abs(cosine(unpackVector(pa), unpackVector(packVector(b))) - cosine(a, b))).toBeLessThan(0.002);
    }
  });

  it('round-trips each dimension to within half a step of the scale', () => {
    const a = vector(64);
    const back = unpackVector(packVector(a));
    const step = Math.max(...a.map(Math.abs)) / 127;
    a.forEach((x, i) => expect(Math.abs(back[i] - x)).toBeLessThanOrEqual(step / 2 + 1e-7));
  });

  it('reads a packed vector from a Buffer slice (as PostgreSQL returns bytea) and packs zeros', () => {
    const packed = packVector([1.27, -0.5, 0]);
    const pool = Buffer.concat([Buffer.from('xyz'), Buffer.from(packed)]);
    expect([...unpackVector(pool.subarray(3))].map((x) => Math.round(x * 1000) / 1000)).toEqual([1.27, -0.5, 0]);
    expect([...unpackVector(packVector([0, 0]))]).toEqual([0, 0]);
    expect(() => unpackVector(new Uint8Array(2))).toThrow(/too short/);
  });

  it('refuses vectors of different lengths', () => {
    expect(() => cosine([1], [1, 2])).toThrow(/lengths differ/);
  });
});
