/**
 * Throughput of the full extractor (segmentation, score, type, quantities, claimant) on one core:
 * sentences/s over the train sentences (packed 20 to an article, one per paragraph), articles/s over the seed
 * article and over article-sized packs, and peak RSS. Prints figures; it asserts nothing.
 */
import { readFileSync } from 'fs';
import * as path from 'path';
import { EncoderThreadClient } from '../libs/encoder/src';
import { Stage2Model, WinkClaimExtractor, type ExtractedClaim } from '../libs/extraction/src';
import { readSplit } from './lib/checkworthiness-data';

const PER_ARTICLE = 20;

function time(fn: () => number): { seconds: number; count: number } {
  const t0 = process.hrtime.bigint();
  const count = fn();
  return { seconds: Number(process.hrtime.bigint() - t0) / 1e9, count };
}

async function main(): Promise<void> {
  const loadStart = process.hrtime.bigint();
  const extractor = new WinkClaimExtractor();
  const loadSeconds = Number(process.hrtime.bigint() - loadStart) / 1e9;
  const sentences = readSplit('train').map((e) => e.text);
  const articles: string[] = [];
  for (let i = 0; i < sentences.length; i += PER_ARTICLE)
    articles.push(sentences.slice(i, i + PER_ARTICLE).join('\n\n'));
  const seedRaw = readFileSync(
    path.join(__dirname, '..', '..', 'shared', 'articles', '000_85f1aeb291a03b72.txt'),
    'utf8',
  );
  const seed = seedRaw.slice(seedRaw.indexOf('BEIJING'));

  for (const a of articles.slice(0, 50)) extractor.extract({ body: a }); // warm-up (JIT)

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

  const rssMb = process.resourceUsage().maxRSS / 1024;
  console.log(`model + wink load: ${loadSeconds.toFixed(2)} s`);
  console.log(
    `sentences: ${sentences.length} train sentences in ${articles.length} articles of ${PER_ARTICLE}, ${packed.count} claims out`,
  );
  console.log(
    `  ${(sentences.length / packed.seconds).toFixed(0)} sentences/s, ${(articles.length / packed.seconds).toFixed(0)} articles/s (${packed.seconds.toFixed(2)} s)`,
  );
  console.log(
    `seed article (10 sentences, ${seed.length} chars) x 500: ${(500 / seedRun.seconds).toFixed(0)} articles/s`,
  );
  console.log(`peak RSS: ${rssMb.toFixed(0)} MB (stage 1 only)`);

  // Stage 2 as the worker runs it: stage 1 per article, then the encoder thread, with WORKER_JOBS articles in
  // flight so their sentences share the encoder's batches. Seed-size articles: the seed and train packs of 10.
  const stage2 = process.env.CHECKWORTHINESS_ENCODER === 'off' ? null : Stage2Model.load();
  if (!stage2) return console.log('stage 2: off or no model file (npm run train:checkworthiness)');
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
      const n = await stage2.rescore([claims], encoder.encode);
      encoded += n;
    }
  };
  await Promise.all(Array.from({ length: WORKER_JOBS }, job));
  const s2 = Number(process.hrtime.bigint() - t1) / 1e9;
  console.log(
    `two stages: ${ARTICLES} seed-size articles in ${s2.toFixed(1)} s: ${(ARTICLES / s2).toFixed(2)} articles/s, ` +
      `${encoded} sentences encoded (${(encoded / s2).toFixed(0)}/s)`,
  );
  console.log(`peak RSS with the encoder loaded: ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
  await encoder.close();
}

void main();
