import { monitorEventLoopDelay } from 'node:perf_hooks';
import { join } from 'node:path';
import { ExtractionPool, ExtractionTimeoutError } from './extraction-pool';

// Threads load the test extractor (test/support/hanging-extractor.ts): it spins forever on the hostile body.
const extractorModule = join(__dirname, '../../../../test/support/hanging-extractor.ts');
const hostile = 'It rose, a' + ' '.repeat(79) + 'said' + ' '.repeat(3200) + 'b;c.';

describe('ExtractionPool', () => {
  let pool: ExtractionPool;

  beforeEach(() => {
    pool = new ExtractionPool({ size: 1, timeoutMs: 1000, extractorModule });
  });

  afterEach(() => pool.close());

  it('terminates a thread past the time limit, fails the article with a timeout, and carries on with a new thread', async () => {
    const started = Date.now();
    await expect(pool.run({ body: hostile })).rejects.toBeInstanceOf(ExtractionTimeoutError);
    expect(Date.now() - started).toBeLessThan(20_000);
    // The next article gets a fresh thread (the old one is gone) and its own answer.
    await expect(pool.run({ body: 'THROW now' })).rejects.toThrow(/extractor exploded/);
    expect(pool.threads).toBe(1);
  }, 30_000);

  it('never blocks the main event loop while a thread spins', async () => {
    const delay = monitorEventLoopDelay({ resolution: 10 });
    delay.enable();
    await expect(pool.run({ body: hostile })).rejects.toBeInstanceOf(ExtractionTimeoutError);
    delay.disable();
    // Before issue 16 the extraction ran on this loop: the delay was the whole extraction (47 s for this body).
    expect(delay.max / 1e6).toBeLessThan(100);
  }, 30_000);

  it('queues articles beyond its size and refuses new work once closed', async () => {
    const a = pool.run({ body: hostile });
    const b = pool.run({ body: 'THROW second' });
    await expect(a).rejects.toBeInstanceOf(ExtractionTimeoutError);
    await expect(b).rejects.toThrow(/extractor exploded/);
    await pool.close();
    await expect(pool.run({ body: 'x' })).rejects.toThrow(/closed/);
  }, 30_000);
});
