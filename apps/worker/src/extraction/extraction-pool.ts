import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { ArticleInput, ExtractedClaim, ExtractOptions } from '@claimdesk/extraction';
import type { ThreadData, ThreadReply, ThreadTask } from './extraction-messages';

/** The article passed its budget; its thread was terminated. */
export class ExtractionTimeoutError extends Error {
  constructor(readonly timeoutMs: number) {
    super(`extraction timed out after ${timeoutMs} ms`);
    this.name = 'ExtractionTimeoutError';
  }
}

export interface ExtractionPoolOptions {
  /** Threads at most (each holds its own copy of the NLP model, about 100 MiB). */
  size: number;
  timeoutMs: number;
  /** Tests only: a module exporting `createExtractor()` to load in the threads instead of the real extractor. */
  extractorModule?: string;
}

interface Task {
  message: ThreadTask;
  resolve(claims: ExtractedClaim[]): void;
  reject(err: Error): void;
}

interface Slot {
  worker: Worker;
  ready: boolean;
  task: Task | null;
  timer?: NodeJS.Timeout;
}

/**
 * A small pool of extraction threads with a hard time limit per article. The limit starts when the article
 * reaches a thread that has loaded its model; past it the thread is terminated (the only way to stop a
 * synchronous extractor) and a fresh one takes its place on the next article.
 */
export class ExtractionPool {
  private readonly slots = new Set<Slot>();
  private readonly waiting: Task[] = [];
  private nextId = 1;
  private closed = false;

  constructor(private readonly options: ExtractionPoolOptions) {}

  run(article: ArticleInput, options: ExtractOptions = {}): Promise<ExtractedClaim[]> {
    if (this.closed) return Promise.reject(new Error('extraction pool is closed'));
    return new Promise((resolve, reject) => {
      this.waiting.push({ message: { id: this.nextId++, article, options }, resolve, reject });
      this.dispatch();
    });
  }

  /** Threads at most: the extraction queue's concurrency. */
  get size(): number {
    return this.options.size;
  }

  /** Threads currently alive (for tests and logs). */
  get threads(): number {
    return this.slots.size;
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const t of this.waiting.splice(0)) t.reject(new Error('extraction pool is closed'));
    await Promise.all([...this.slots].map((s) => this.discard(s, new Error('extraction pool is closed'))));
  }

  private dispatch(): void {
    for (const slot of this.slots) {
      if (!this.waiting.length) return;
      if (slot.ready && !slot.task) this.start(slot, this.waiting.shift()!);
    }
    // Spawn for what is still waiting; a new thread takes work once its model is loaded.
    const loading = [...this.slots].filter((s) => !s.ready).length;
    for (let i = loading; i < this.waiting.length && this.slots.size < this.options.size; i++) this.spawn();
  }

  private start(slot: Slot, task: Task): void {
    slot.task = task;
    slot.timer = setTimeout(
      () => void this.discard(slot, new ExtractionTimeoutError(this.options.timeoutMs)),
      this.options.timeoutMs,
    );
    slot.worker.postMessage(task.message);
  }

  private spawn(): void {
    const data: ThreadData = { extractorModule: this.options.extractorModule };
    const slot: Slot = { worker: newThread(data), ready: false, task: null };
    this.slots.add(slot);
    slot.worker.on('message', (m: ThreadReply) => {
      if (m.type === 'ready') slot.ready = true;
      else if (slot.task && m.id === slot.task.message.id) {
        clearTimeout(slot.timer);
        const task = slot.task;
        slot.task = null;
        if (m.type === 'done') task.resolve(m.claims);
        else task.reject(new Error(m.message));
      }
      this.dispatch();
    });
    slot.worker.on('error', (err) => void this.discard(slot, err));
    slot.worker.on('exit', (code) => void this.discard(slot, new Error(`extraction thread exited with code ${code}`)));
  }

  /** Ends the thread; its article (if any) fails with `reason`; waiting articles get a new thread. */
  private async discard(slot: Slot, reason: Error): Promise<void> {
    if (!this.slots.delete(slot)) return;
    clearTimeout(slot.timer);
    const task = slot.task;
    slot.task = null;
    task?.reject(reason);
    if (!slot.ready) {
      // The thread could not even load its extractor: the next would fail alike, so do not respawn in a loop.
      for (const t of this.waiting.splice(0)) t.reject(reason);
    } else if (!this.closed) {
      this.dispatch();
    }
    await slot.worker.terminate();
  }
}

/** From the build, the compiled thread file; from source (tests), the same file through the TypeScript loader. */
function newThread(data: ThreadData): Worker {
  const compiled = join(__dirname, 'extraction-thread.js');
  if (__filename.endsWith('.js')) return new Worker(compiled, { workerData: data });
  const entry = join(__dirname, 'extraction-thread.ts');
  const boot = `require('@swc-node/register'); require(require('node:worker_threads').workerData.entry);`;
  return new Worker(boot, { eval: true, workerData: { ...data, entry } });
}
