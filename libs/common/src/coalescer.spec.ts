import { Coalescer } from './coalescer';

describe('Coalescer', () => {
  it('runs calls of the same turn as one batch, and calls made meanwhile as the next', async () => {
    const batches: number[][] = [];
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const c = new Coalescer<number, number>(async (items) => {
      batches.push(items);
      if (batches.length === 1) await gate;
      return items.map((i) => i * 10);
    });
    const first = [1, 2, 3].map((i) => c.call(i));
    await new Promise((r) => setImmediate(r));
    const later = [4, 5].map((i) => c.call(i));
    await new Promise((r) => setImmediate(r));
    expect(batches).toEqual([[1, 2, 3]]); // one in flight: 4 and 5 wait for it
    release();
    expect(await Promise.all([...first, ...later])).toEqual([10, 20, 30, 40, 50]);
    expect(batches).toEqual([
      [1, 2, 3],
      [4, 5],
    ]);
  });

  it('caps a batch at maxBatch and runs up to inFlight batches at once', async () => {
    const sizes: number[] = [];
    let live = 0;
    let most = 0;
    const c = new Coalescer<number, number>(
      async (items) => {
        sizes.push(items.length);
        most = Math.max(most, ++live);
        await new Promise((r) => setTimeout(r, 5));
        live--;
        return items;
      },
      { maxBatch: 4, inFlight: 2 },
    );
    await Promise.all(Array.from({ length: 10 }, (_, i) => c.call(i)));
    expect(sizes).toEqual([4, 4, 2]);
    expect(most).toBe(2);
  });

  it('when a batch fails, runs its items one by one so only the bad one fails', async () => {
    const c = new Coalescer<number, number>(async (items) => {
      if (items.includes(2)) throw new Error(`bad ${items.join(',')}`);
      return items;
    });
    const results = await Promise.allSettled([1, 2, 3].map((i) => c.call(i)));
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect((results[1] as PromiseRejectedResult).reason).toEqual(new Error('bad 2'));
  });
});
