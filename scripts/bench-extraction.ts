/**
 * Throughput of the full extractor (segmentation, score, type, quantities, claimant) on one core:
 * sentences/s over the train sentences (packed 20 to an article, one per paragraph), articles/s over the seed
 * article and over article-sized packs, and peak RSS; then both stages in this process; then the real worker
 * (after `npm run build`) extracting seed-size articles with stage 2 on: its articles/s and peak RSS.
 * Prints figures and the load average (the machine is shared); it asserts nothing.
 * Usage: npm run bench:extraction [-- --worker-articles 150]  (BENCH_ARTICLES: the in-process stage-2 run)
 */
import { readFileSync } from 'fs';
import { loadavg } from 'os';
import { parseArgs } from 'util';
import * as path from 'path';
import { EncoderThreadClient } from '../libs/encoder/src';
import { Stage2Model, WinkClaimExtractor, type ExtractedClaim } from '../libs/extraction/src';
import { readSplit } from './lib/checkworthiness-data';
import { benchWorker } from './lib/worker-bench';

const { values } = parseArgs({
  options: {
    'worker-articles': { type: 'string', default: '150' },
    // Which runs (comma-separated): stage1, stage2 (both stages in this process), worker (the real worker).
    parts: { type: 'string', default: 'stage1,stage2,worker' },
  },
});
const PARTS = new Set(values.parts.split(','));
const load = () =>
  `load average ${loadavg()
    .map((x) => x.toFixed(2))
    .join(', ')}`;

const PER_ARTICLE = 20;

/** CPU seconds this (main) thread has used: not V8's GC and compiler threads, nor other processes. */
function threadCpu(): number {
  const stat = readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8');
  const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(f[11]) + Number(f[12])) / 100; // USER_HZ is 100 on Linux
}

/** Wall time and this thread's CPU time: on a shared machine the CPU time is the per-core figure. */
function time(fn: () => number): { seconds: number; cpu: number; count: number } {
  const t0 = process.hrtime.bigint();
  const c0 = threadCpu();
  const count = fn();
  return { seconds: Number(process.hrtime.bigint() - t0) / 1e9, cpu: threadCpu() - c0, count };
}

async function main(): Promise<void> {
  console.log(`start: ${new Date().toISOString()}, ${load()}`);
  const loadStart = process.hrtime.bigint();
  const extractor = new WinkClaimExtractor();
  const loadSeconds = Number(process.hrtime.bigint() - loadStart) / 1e9;
  const sentences = readSplit('train').map((e) => e.text);
  const seedRaw = readFileSync(
    path.join(__dirname, '..', '..', 'shared', 'articles', '000_85f1aeb291a03b72.txt'),
    'utf8',
  );
  const seed = seedRaw.slice(seedRaw.indexOf('BEIJING'));
  console.log(`model + wink load: ${loadSeconds.toFixed(2)} s`);
  if (PARTS.has('stage1')) stage1(extractor, sentences, seed);
  if (PARTS.has('stage2')) await stage2(extractor, sentences, seed);
  if (PARTS.has('worker')) await worker(sentences, seed);
  console.log(`end: ${new Date().toISOString()}, ${load()}`);
}

/** The fast path alone, on this thread: sentences/s by wall clock and by this thread's CPU time. */
function stage1(extractor: WinkClaimExtractor, sentences: string[], seed: string): void {
  const articles: string[] = [];
  for (let i = 0; i < sentences.length; i += PER_ARTICLE)
    articles.push(sentences.slice(i, i + PER_ARTICLE).join('\n\n'));
  for (const a of articles.slice(0, 300)) extractor.extract({ body: a }); // warm-up (JIT)
  const packed = time(() => {
    let segs = 0;
    for (const a of articles) segs += extractor.extract({ body: a }).length;
    return segs;
  });
  const seedRun = time(() => {
    let n = 0;
    for (let i = 0; i < 500; i++)
      n += extractor.extract({ body: seed, title: "China Calls For Int'l Efforts" }).length > 0 ? 1 : 0;
    return n;
  });
  console.log(
    `stage 1: ${sentences.length} train sentences in ${articles.length} articles of ${PER_ARTICLE}, ${packed.count} claims out`,
  );
  console.log(
    `  ${(sentences.length / packed.seconds).toFixed(0)} sentences/s by the clock (${packed.seconds.toFixed(2)} s), ` +
      `${(sentences.length / packed.cpu).toFixed(0)} per CPU second of this thread (${packed.cpu.toFixed(2)} s)`,
  );
  console.log(
    `  seed article (10 sentences, ${seed.length} chars) x 500: ${(500 / seedRun.seconds).toFixed(0)} articles/s ` +
      `(${(500 / seedRun.cpu).toFixed(0)} per CPU second)`,
  );
  console.log(`  peak RSS: ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB (stage 1 only)`);
}

/**
 * Stage 2 as the worker runs it, in this process: stage 1 per article, then the encoder thread, with WORKER_JOBS
 * articles in flight so their sentences share the encoder's batches. Seed-size articles: the seed and packs of 10.
 */
async function stage2(extractor: WinkClaimExtractor, sentences: string[], seed: string): Promise<void> {
  const model = process.env.CHECKWORTHINESS_ENCODER === 'off' ? null : Stage2Model.load();
  if (!model) return console.log('stage 2: off or no model file (npm run train:checkworthiness)');
  const encoder = new EncoderThreadClient();
  const t0 = process.hrtime.bigint();
  await encoder.encode(['warm up']);
  console.log(`encoder thread load: ${(Number(process.hrtime.bigint() - t0) / 1e9).toFixed(2)} s`);
  const ARTICLES = Number(process.env.BENCH_ARTICLES ?? 60);
  const WORKER_JOBS = 8;
  const bodies = [
    seed,
    ...Array.from({ length: ARTICLES - 1 }, (_, k) => sentences.slice(k * 10, k * 10 + 10).join(' ')),
  ];
  let encoded = 0;
  let next = 0;
  const t1 = process.hrtime.bigint();
  const job = async () => {
    while (next < bodies.length) {
      const claims: ExtractedClaim[] = extractor.extract({ body: bodies[next++] });
      const n = await model.rescore([claims], encoder.encode); // not `encoded += await`: jobs interleave
      encoded += n;
    }
  };
  await Promise.all(Array.from({ length: WORKER_JOBS }, job));
  const s2 = Number(process.hrtime.bigint() - t1) / 1e9;
  console.log(
    `two stages, this process: ${ARTICLES} seed-size articles in ${s2.toFixed(1)} s: ${(ARTICLES / s2).toFixed(2)} articles/s, ` +
      `${encoded} sentences encoded (${(encoded / s2).toFixed(0)}/s)`,
  );
  console.log(`  peak RSS with the encoder loaded: ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
  await encoder.close();
}

/** The real worker process, production defaults (EXTRACTION_THREADS, the encoder thread, matching, PostgreSQL). */
async function worker(sentences: string[], seed: string): Promise<void> {
  const n = Number(values['worker-articles']);
  const stream = Array.from({ length: n }, (_, k) =>
    k % 10 === 0 ? `${seed} (bench ${k})` : sentences.slice(k * 10, k * 10 + 10).join(' '),
  );
  console.log(`worker: ${n} seed-size articles, ${load()}`);
  const w = await benchWorker(stream);
  if (!w) return console.log('worker: no build (npm run build first)');
  console.log(
    `worker, two stages: ${w.articles} articles in ${w.seconds.toFixed(1)} s after its first: ${(w.articles / w.seconds).toFixed(2)} articles/s ` +
      `(${w.cpuSecondsPerArticle.toFixed(3)} CPU s an article; boot to first ${w.bootSeconds.toFixed(1)} s); ` +
      `${w.claims} claims, ${w.encoded} with a vector`,
  );
  console.log(`  worker peak RSS (main + extraction threads + encoder thread): ${w.peakRssMiB.toFixed(0)} MiB`);
}

void main();
