/**
 * Issue 10's pipeline figure: the worker's articles/s with matching on against MATCHING_ENABLED=false, on the
 * same articles and an otherwise identical worker, over the claims already in the database (bench-matching's).
 * Each run inserts the articles as `received` (the worker's first sweep enqueues them), starts a worker from
 * dist/, times it from its first finished article to its last, stops it, and deletes what the run stored, so
 * the next run starts from the same database. Runs alternate off/on to spread the shared machine's drift.
 */
import { createHash, randomUUID } from 'node:crypto';
import os from 'node:os';
import { Client } from 'pg';
import { dropQueueKeys, peakRssMiB, startProcess, waitFor } from './bench-support';
import { reword } from './claim-corpus';
import { corpusOf } from './markov-corpus';

export interface PipelineOptions {
  url: string;
  articles: number;
  /** Off/on pairs per encoder setting. */
  rounds: number;
  encoders: ('on' | 'off')[];
  /** Stored claims the articles reword (half of their sentences), so matching finds real candidates. */
  sample: { text: string }[];
  /** The generator the database was filled with: the articles' new sentences come from it too. */
  corpus: string;
}

/** Article bodies of 20 sentences: every other one rewords a stored claim, the rest are new corpus sentences. */
function bodies(n: number, sample: { text: string }[], kind: string): string[] {
  const corpus = corpusOf(kind, 99);
  return Array.from({ length: n }, (_, a) => {
    const who = corpus.claimant();
    const sentences = Array.from({ length: 20 }, (_, k) =>
      k % 2 === 0
        ? reword(sample[(a * 10 + k / 2) % sample.length].text)
        : corpus.claim(k % 3 === 0 ? corpus.claimant() : who).text,
    );
    return `${sentences.join(' ')} (pipeline ${a})`;
  });
}

async function run(pg: Client, o: PipelineOptions, texts: string[], matching: boolean, encoder: string) {
  const tag = `m1m_${Date.now().toString(36)}`;
  const ids = texts.map(() => randomUUID());
  // Older than the sweeper's 5 s grace, so its first sweep enqueues them all.
  await pg.query(
    `INSERT INTO articles (id, title, body, body_hash, status, created_at)
     SELECT id, 'Pipeline ' || ord, body, hash, 'received', now() - interval '1 minute'
       FROM unnest($1::uuid[], $2::text[], $3::text[]) WITH ORDINALITY AS t(id, body, hash, ord)`,
    [ids, texts, texts.map((t) => createHash('md5').update(`${tag}${t}`).digest('hex'))],
  );
  const worker = startProcess(['dist/apps/server/src/main.js'], {
    ...process.env,
    NODE_ENV: 'production',
    DATABASE_URL: o.url,
    QUEUE_PREFIX: tag,
    ROLES: 'worker',
    MIGRATE_ON_START: 'false',
    LOG_LEVEL: 'warn',
    SWEEP_INTERVAL_MS: '600000',
    MATCHING_ENABLED: String(matching),
    CHECKWORTHINESS_ENCODER: encoder,
  });
  const done = async () =>
    (await pg.query(`SELECT count(*)::int AS n FROM articles WHERE id = ANY($1) AND status <> 'received'`, [ids]))
      .rows[0].n as number;
  try {
    // Timed from the first stored article, so the worker's boot (model loading) is not counted.
    await waitFor(async () => (await done()) > 0, 120_000, 20);
    const t0 = performance.now();
    const first = await done();
    await waitFor(async () => (await done()) === ids.length, 900_000, 50);
    const rate = (ids.length - first) / ((performance.now() - t0) / 1000);
    const rss = peakRssMiB(worker.pid!);
    const {
      rows: [stored],
    } = await pg.query(
      `SELECT count(*)::int AS claims, count(*) FILTER (WHERE c.status = 'duplicate')::int AS duplicates,
              (SELECT count(*)::int FROM claim_matches m JOIN claims x ON x.id = m.claim_id WHERE x.article_id = ANY($1)) AS links
         FROM claims c WHERE c.article_id = ANY($1)`,
      [ids],
    );
    return { rate, rss, ...(stored as { claims: number; duplicates: number; links: number }) };
  } finally {
    await new Promise((ok) => {
      if (worker.exitCode !== null) return ok(null);
      worker.once('exit', ok);
      worker.kill('SIGTERM');
    });
    // claim_events is append-only (a trigger refuses deletes): triggers off for this cleanup only (replica role
    // skips foreign-key cascades too, so each table is cleared by hand).
    await pg.query(`SET session_replication_role = replica`);
    const claims = `SELECT id FROM claims WHERE article_id = ANY($1)`;
    for (const sql of [
      `DELETE FROM claim_matches WHERE claim_id IN (${claims}) OR other_id IN (${claims})`,
      `DELETE FROM claim_events WHERE claim_id IN (${claims})`,
      `DELETE FROM assignments WHERE claim_id IN (${claims})`,
      `DELETE FROM claims WHERE article_id = ANY($1)`,
      `DELETE FROM articles WHERE id = ANY($1)`,
    ])
      await pg.query(sql, [ids]);
    await pg.query(`SET session_replication_role = DEFAULT`);
    await dropQueueKeys(tag);
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

export async function pipelineRatio(pg: Client, o: PipelineOptions): Promise<void> {
  const texts = bodies(o.articles, o.sample, o.corpus);
  // No reviewer takes work: assigning the database's queued claims would be work of its own, different each run.
  await pg.query(`UPDATE users SET capacity = 0 WHERE role = 'reviewer'`);
  const claims = (await pg.query(`SELECT reltuples::bigint AS n FROM pg_class WHERE oid = 'claims'::regclass`)).rows[0]
    .n;
  console.log(
    `\n(c) the pipeline: the worker (dist/, ROLES=worker) on ${o.articles} articles of 20 sentences (half reword stored claims), ~${claims} claims stored before; matching off | on, ${o.rounds} pair(s)`,
  );
  for (const encoder of o.encoders) {
    const rates = { off: [] as number[], on: [] as number[] };
    for (let r = 0; r < o.rounds; r++) {
      for (const on of [false, true]) {
        const load = os.loadavg()[0].toFixed(2);
        const x = await run(pg, o, texts, on, encoder);
        rates[on ? 'on' : 'off'].push(x.rate);
        console.log(
          `    encoder ${encoder}, matching ${on ? 'on ' : 'off'}: ${x.rate.toFixed(2)} articles/s, ${x.claims} claims, ${x.duplicates} duplicates, ${x.links} links; worker peak RSS ${x.rss.toFixed(0)} MiB; load ${load}`,
        );
      }
    }
    const off = median(rates.off);
    const on = median(rates.on);
    console.log(
      `    encoder ${encoder}: ${off.toFixed(2)} articles/s off, ${on.toFixed(2)} on (medians): on/off ${(on / off).toFixed(2)}, a drop of ${(100 * (1 - on / off)).toFixed(0)}%`,
    );
  }
}
