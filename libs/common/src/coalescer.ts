/**
 * Group commit: calls made while a batch is under way are gathered and run as the next batch, so N concurrent
 * callers cost about one round trip, not N. At most `inFlight` batches run at once and each takes at most
 * `maxBatch` items; an idle coalescer starts a batch on the next turn of the event loop (setImmediate), so callers
 * in the same turn share it. `run` answers each item by its index. When a batch of several fails, its items run
 * again one at a time, so one bad item fails alone.
 */
export class Coalescer<In, Out> {
  private pending: { item: In; ok: (out: Out) => void; fail: (err: unknown) => void }[] = [];
  private running = 0;
  private scheduled = false;

  constructor(
    private readonly run: (items: In[]) => Promise<Out[]>,
    private readonly opts: { maxBatch: number; inFlight: number } = { maxBatch: 100, inFlight: 1 },
  ) {}

  call(item: In): Promise<Out> {
    return new Promise<Out>((ok, fail) => {
      this.pending.push({ item, ok, fail });
      this.schedule();
    });
  }

  private schedule(): void {
    if (this.scheduled || this.running >= this.opts.inFlight || !this.pending.length) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      this.next();
    });
  }

  private next(): void {
    while (this.running < this.opts.inFlight && this.pending.length) {
      const batch = this.pending.splice(0, this.opts.maxBatch);
      this.running++;
      void this.settle(batch).finally(() => {
        this.running--;
        this.schedule();
      });
    }
  }

  private async settle(batch: typeof this.pending): Promise<void> {
    try {
      const out = await this.run(batch.map((b) => b.item));
      batch.forEach((b, i) => b.ok(out[i]));
    } catch (err) {
      if (batch.length === 1) return batch[0].fail(err);
      for (const b of batch) {
        await this.run([b.item]).then(
          ([out]) => b.ok(out),
          (e: unknown) => b.fail(e),
        );
      }
    }
  }
}
