import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { EncoderReply, EncoderRequest } from './encoder-thread';

interface Pending {
  texts: string[];
  resolve(vectors: Float32Array[]): void;
  reject(err: Error): void;
}

/**
 * The sentence encoder in a thread of its own, shared by every extraction job of the process. Calls made while a
 * batch is being encoded wait and go together in the next one: batches cross articles (up to `maxBatch` texts).
 */
export class EncoderThreadClient {
  private worker: Worker | null = null;
  private ready: Promise<void> | null = null;
  private queue: Pending[] = [];
  private inFlight: Map<number, Pending[]> = new Map();
  private nextId = 1;
  private busy = false;
  private closed = false;

  constructor(private readonly maxBatch = 256) {}

  encode = (texts: string[]): Promise<Float32Array[]> => {
    if (this.closed) return Promise.reject(new Error('encoder thread is closed'));
    if (!texts.length) return Promise.resolve([]);
    return new Promise((resolve, reject) => {
      this.queue.push({ texts, resolve, reject });
      void this.pump();
    });
  };

  async close(): Promise<void> {
    this.closed = true;
    const err = new Error('encoder thread is closed');
    for (const p of this.queue.splice(0)) p.reject(err);
    for (const ps of this.inFlight.values()) for (const p of ps) p.reject(err);
    this.inFlight.clear();
    await this.worker?.terminate();
    this.worker = null;
  }

  private start(): Promise<void> {
    this.ready ??= new Promise((resolve, reject) => {
      const worker = newThread();
      this.worker = worker;
      worker.on('message', (m: EncoderReply) => {
        if (m.type === 'ready') return resolve();
        const group = this.inFlight.get(m.id);
        this.inFlight.delete(m.id);
        this.busy = false;
        if (group) {
          if (m.type === 'done') {
            let at = 0;
            for (const p of group) {
              p.resolve(m.vectors.slice(at, at + p.texts.length));
              at += p.texts.length;
            }
          } else {
            for (const p of group) p.reject(new Error(m.message));
          }
        }
        void this.pump();
      });
      const fail = (err: Error) => {
        reject(err);
        this.ready = null;
        this.worker = null;
        this.busy = false;
        for (const ps of this.inFlight.values()) for (const p of ps) p.reject(err);
        this.inFlight.clear();
        for (const p of this.queue.splice(0)) p.reject(err);
      };
      worker.on('error', fail);
      worker.on('exit', (code) => !this.closed && fail(new Error(`encoder thread exited with code ${code}`)));
    });
    return this.ready;
  }

  private async pump(): Promise<void> {
    if (this.busy || !this.queue.length) return;
    this.busy = true;
    try {
      await this.start();
    } catch {
      return; // fail() rejected everything queued
    }
    const group: Pending[] = [];
    let n = 0;
    while (this.queue.length && (n === 0 || n + this.queue[0].texts.length <= this.maxBatch)) {
      const p = this.queue.shift()!;
      group.push(p);
      n += p.texts.length;
    }
    const id = this.nextId++;
    this.inFlight.set(id, group);
    const req: EncoderRequest = { id, texts: group.flatMap((p) => p.texts) };
    this.worker!.postMessage(req);
  }
}

/** From the build, the compiled thread file; from source (tests, scripts), through the TypeScript loader. */
function newThread(): Worker {
  if (__filename.endsWith('.js')) return new Worker(join(__dirname, 'encoder-thread.js'));
  const entry = join(__dirname, 'encoder-thread.ts');
  const boot = `require('@swc-node/register'); require(${JSON.stringify(entry)});`;
  return new Worker(boot, { eval: true });
}
