import { chunksWithinParams, PG_MAX_PARAMS } from './chunks';

describe('chunksWithinParams', () => {
  it('keeps every chunk within PostgreSQL bind parameters and loses no row', () => {
    const rows = Array.from({ length: 7_735 }, (_, i) => i);
    const chunks = chunksWithinParams(rows, 13);
    for (const c of chunks) expect(c.length * 13).toBeLessThanOrEqual(PG_MAX_PARAMS);
    expect(chunks.flat()).toEqual(rows);
    expect(chunks.length).toBe(2);
  });

  it('gives no chunk for no rows, and one row a chunk at worst', () => {
    expect(chunksWithinParams([], 13)).toEqual([]);
    expect(chunksWithinParams([1, 2], 100_000)).toEqual([[1], [2]]);
  });
});
