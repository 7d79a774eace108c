import { SingleBar } from 'cli-progress';

type Counts = { created: number; duplicate: number; invalid: number };

/**
 * Progress of an import on stderr: a bar with rate and ETA on a terminal (by bytes read, so it needs no first
 * pass to count lines), a plain line every few seconds otherwise (logs, CI).
 */
export class ImportProgress {
  private readonly started = Date.now();
  private readonly bar: SingleBar | null;
  private done = 0;
  private bytes = 0;
  private lastLine = Date.now();

  constructor(
    private readonly totalBytes: number,
    private readonly out: NodeJS.WriteStream = process.stderr,
    private readonly everyMs = 2000,
  ) {
    this.bar = out.isTTY
      ? new SingleBar({
          stream: out,
          format: 'import [{bar}] {percentage}% | {items} articles | {rate}/s | ETA {eta_formatted} | {summary}',
          hideCursor: true,
          etaBuffer: 50,
        })
      : null;
    this.bar?.start(Math.max(1, totalBytes), 0, { items: 0, rate: 0, summary: '' });
  }

  advance(items: number, bytes: number, counts: Counts): void {
    this.done += items;
    this.bytes += bytes;
    const rate = Math.round(this.done / this.seconds());
    const summary = `${counts.created} new, ${counts.duplicate} dup, ${counts.invalid} invalid`;
    if (this.bar) {
      this.bar.update(Math.min(this.bytes, this.totalBytes), { items: this.done, rate, summary });
    } else if (Date.now() - this.lastLine >= this.everyMs) {
      this.lastLine = Date.now();
      const pct = this.totalBytes ? Math.min(100, Math.round((100 * this.bytes) / this.totalBytes)) : 0;
      this.out.write(`import: ${this.done} articles (${pct}%), ${rate}/s, ${summary}\n`);
    }
  }

  seconds(): number {
    return Math.max(0.001, (Date.now() - this.started) / 1000);
  }

  stop(): void {
    this.bar?.stop();
  }
}
