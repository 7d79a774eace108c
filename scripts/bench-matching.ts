/**
 * `npm run bench:matching -- [--claims 1000000] [--db NAME] [--parts matching,search,pipeline]`: issue 10's
 * benchmark at scale. Fills a database by COPY (pg-copy-streams; indexes built after the load, as a restore
 * would) with varied claims, their articles and some verdicts: a scratch one dropped at the end, or with
 * `--db NAME` one kept for the next run (filled when it does not exist). Then, with the load average:
 *   (a) matching new claims with the pipeline's own code (PipelineMatcher, as ClaimsService.matchNew calls it:
 *       candidate lookup in PostgreSQL + document frequencies + re-rank), p50/p95 a claim, one at a time and in
 *       an article's batch, with the document-frequency cache warm (a worker that has matched `--warm-up`
 *       articles) and cold (a new matcher each call), PostgreSQL's share, and whether reworded claims find their
 *       originals;
 *   (b) search for two-word queries: SearchRepository, as GET /v1/search runs it (first page of 50, headlines),
 *       and GET /v1/claims?q= (ClaimsRepository.findPage) with the same queries;
 *   (c) the pipeline's articles/s with matching on against off (scripts/lib/bench-matching-pipeline.ts; needs
 *       `npm run build`), with stage 2 on and off;
 * and EXPLAIN (ANALYZE, BUFFERS) of the statements (a) and (b) made (captured from the query runner).
 * Run it under `flock /tmp/claimdesk-suite.lock`.
 */
import { createHash, randomUUID } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import os from 'node:os';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { parseArgs } from 'node:util';
import { Client } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { DataSource, EntityManager, QueryRunner } from 'typeorm';
import { Claim } from '../libs/claims/src/claim.entity';
import { ClaimEvent } from '../libs/claims/src/claim-event.entity';
import { PipelineMatcher } from '../libs/claims/src/claim-matching';
import { ClaimTermsRepository } from '../libs/claims/src/claim-terms.repository';
import { ClaimsRepository } from '../libs/claims/src/claims.repository';
import { MatchesRepository } from '../libs/claims/src/matches.repository';
import { fingerprint, STOP_WORDS } from '../libs/matching/src';
import { SearchRepository } from '../libs/search/src/search.repository';
import { pipelineRatio } from './lib/bench-matching-pipeline';
import { ClaimCorpus, reword } from './lib/claim-corpus';
import { corpusOf } from './lib/markov-corpus';

const { values } = parseArgs({
  options: {
    claims: { type: 'string', default: '1000000' },
    'per-article': { type: 'string', default: '20' },
    runs: { type: 'string', default: '200' },
    /** New claims matched in each of (a)'s four ways. */
    'match-runs': { type: 'string', default: '200' },
    /** Claims a matching batch holds (one article's, as a store batch of one job has). */
    'per-batch': { type: 'string', default: '20' },
    /** Articles matched before the warm figures (the steady state of a worker's document-frequency cache). */
    'warm-up': { type: 'string', default: '20' },
    /**
     * A database of this name, kept at the end for the next run: filled first when it does not exist yet, reused
     * as it is when it does (the 1M load takes minutes). Without it, a scratch database dropped at the end.
     */
    db: { type: 'string' },
    /** Only fill (or check) the database, measure nothing. */
    'fill-only': { type: 'boolean', default: false },
    /** Drop the `--db` database at the end. */
    drop: { type: 'boolean', default: false },
    /** Which parts to run: matching (a), search (b), pipeline (c: needs `npm run build`). */
    parts: { type: 'string', default: 'matching,search,pipeline' },
    /** (c): articles each worker run extracts, off/on pairs, and the encoder settings (stage 2 on is production's). */
    'pipeline-articles': { type: 'string', default: '40' },
    'pipeline-rounds': { type: 'string', default: '1' },
    'pipeline-encoders': { type: 'string', default: 'on,off' },
    /**
     * The claims' generator: `templates` (a few hundred words, every claim with thousands of near neighbours: the
     * hard case) or `markov` (sentences over the real vocabulary of the shared data). A `--db` keeps its own.
     */
    corpus: { type: 'string', default: 'templates' },
    /** Document frequencies from matching's lexicon (production's, once the sweeper has folded); --no-lexicon: counted. */
    lexicon: { type: 'boolean', default: true },
  },
  allowNegative: true,
});
const CLAIMS = Number(values.claims);
const PER_ARTICLE = Number(values['per-article']);
const RUNS = Number(values.runs);
const MATCH_RUNS = Number(values['match-runs']);
const PER_BATCH = Number(values['per-batch']);
const WARMUP_ARTICLES = Number(values['warm-up']);
const PARTS = new Set(values.parts.split(','));
const CORPUS = values.corpus;
const DB = values.db ?? `claimdesk_bench_matching_${Date.now().toString(36)}`;
const URL = `postgres://postgres@127.0.0.1:5432/${DB}`;
const ADMIN_URL = 'postgres://postgres@127.0.0.1:5432/postgres';
const STATUSES = ['new', 'new', 'new', 'queued', 'queued', 'dismissed', 'published', 'duplicate'];

const esc = (v: string | number | null) =>
  v === null ? '\\N' : String(v).replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n');
const line = (cols: (string | number | null)[]) => cols.map(esc).join('\t') + '\n';

function ms(t0: bigint): number {
  return Number(process.hrtime.bigint() - t0) / 1e6;
}
function quantile(xs: number[], q: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))];
}
const fmt = (xs: number[]) =>
  `p50 ${quantile(xs, 0.5).toFixed(1)} ms, p95 ${quantile(xs, 0.95).toFixed(1)} ms, max ${Math.max(...xs).toFixed(1)} ms (${xs.length} runs)`;

async function copy(client: Client, sql: string, rows: Iterable<string>): Promise<void> {
  await pipeline(Readable.from(rows), client.query(copyFrom(sql)));
}

/** Loads articles, claims and verdicts. */
async function load(client: Client): Promise<void> {
  const corpus = corpusOf(CORPUS, 20261202);
  const articles = Math.ceil(CLAIMS / PER_ARTICLE);
  const [{ id: author }] = (
    await client.query<{ id: string }>(
      `INSERT INTO users (email, name, role) VALUES ('a@bench', 'A', 'reviewer'), ('e@bench', 'E', 'editor') RETURNING id`,
    )
  ).rows;
  const editor = (await client.query<{ id: string }>(`SELECT id FROM users WHERE role = 'editor'`)).rows[0].id;
  // Non-unique indexes are built after the load (as pg_restore does): one sort each instead of a million inserts.
  const { rows: defs } = await client.query<{ name: string; def: string }>(
    `SELECT indexname AS name, indexdef AS def FROM pg_indexes
      WHERE tablename IN ('articles', 'claims', 'verdicts') AND indexdef NOT LIKE 'CREATE UNIQUE%'`,
  );
  for (const d of defs) await client.query(`DROP INDEX "${d.name}"`);

  const published: string[] = [];
  const t0 = process.hrtime.bigint();
  const articleRows: string[] = [];
  const claimRows: string[] = [];
  const base = Date.parse('2024-01-01T00:00:00Z');
  for (let a = 0; a < articles; a++) {
    const articleId = randomUUID();
    const who = corpus.claimant();
    const at = new Date(base + a * 600_000).toISOString();
    const sentences: string[] = [];
    let offset = 0;
    for (let k = 0; k < PER_ARTICLE && a * PER_ARTICLE + k < CLAIMS; k++) {
      const { text, type } = corpus.claim(k % 3 === 0 ? corpus.claimant() : who);
      const id = randomUUID();
      const status = corpus.pick(STATUSES);
      if (status === 'published' && published.length < 20_000) published.push(id);
      claimRows.push(
        line([
          id,
          articleId,
          text,
          text,
          offset,
          offset + text.length,
          who,
          type,
          corpus.rand().toFixed(3),
          status,
          corpus.rand().toFixed(3),
          fingerprint(text),
          at,
        ]),
      );
      sentences.push(text);
      offset += text.length + 1;
    }
    const body = `${sentences.join(' ')} (${a})`;
    articleRows.push(
      line([
        articleId,
        `${corpus.pick(['Report', 'Analysis', 'Briefing', 'Update'])}: ${sentences[0].slice(0, 60)}`,
        body,
        createHash('md5').update(body).digest('hex'),
        'extracted',
        sentences.length,
        at,
      ]),
    );
  }
  console.log(`generated ${articles} articles and ${claimRows.length} claims in ${(ms(t0) / 1000).toFixed(1)} s`);
  let t = process.hrtime.bigint();
  await copy(
    client,
    `COPY articles (id, title, body, body_hash, status, claim_count, created_at) FROM STDIN`,
    articleRows,
  );
  console.log(`COPY articles: ${(ms(t) / 1000).toFixed(1)} s`);
  t = process.hrtime.bigint();
  await copy(
    client,
    `COPY claims (id, article_id, text, sentence, span_start, span_end, claimant, type, score, status, priority, fingerprint, created_at) FROM STDIN`,
    claimRows,
  );
  console.log(`COPY claims: ${(ms(t) / 1000).toFixed(1)} s`);
  t = process.hrtime.bigint();
  const summaries = [
    'The figures match the official statistics.',
    'The source data show a smaller change.',
    'Experts say the comparison is misleading.',
  ];
  await copy(
    client,
    `COPY verdicts (claim_id, version, rating, summary, sources, status, author_id, reviewer_id) FROM STDIN`,
    published.map((id) =>
      line([
        id,
        1,
        corpus.pick(['true', 'mostly_true', 'mixed', 'false', 'misleading']),
        corpus.pick(summaries),
        JSON.stringify([{ url: 'https://stats.example.org/', title: 'Official statistics' }]),
        'approved',
        author,
        editor,
      ]),
    ),
  );
  console.log(`COPY verdicts (${published.length}): ${(ms(t) / 1000).toFixed(1)} s`);
  t = process.hrtime.bigint();
  await client.query(`SET maintenance_work_mem = '512MB'`);
  for (const d of defs) await client.query(d.def);
  await client.query(`VACUUM ANALYZE articles`);
  await client.query(`VACUUM ANALYZE claims`);
  await client.query(`VACUUM ANALYZE verdicts`);
  console.log(`${defs.length} indexes rebuilt and tables analyzed in ${(ms(t) / 1000).toFixed(1)} s`);
}

interface Logged {
  sql: string;
  params: unknown[];
  /** Round trip, as the caller waited for it. */
  ms?: number;
}

/** A query runner that records each statement it runs and its time, so the benchmark can EXPLAIN what the code sent. */
function recording(runner: QueryRunner): { runner: QueryRunner; log: Logged[] } {
  const log: Logged[] = [];
  const query = runner.query.bind(runner);
  runner.query = (async (sql: string, params?: unknown[], structured?: boolean) => {
    const entry: Logged = { sql, params: params ?? [] };
    log.push(entry);
    const t = process.hrtime.bigint();
    try {
      return await query(sql, params, structured as never);
    } finally {
      entry.ms = ms(t);
    }
  }) as QueryRunner['query'];
  return { runner, log };
}

type Sampled = { id: string; text: string; claimant: string; status: string };

const loadavg = () =>
  os
    .loadavg()
    .map((x) => x.toFixed(2))
    .join(', ');

async function explain(client: Client, title: string, stmts: Logged[]): Promise<void> {
  for (const s of stmts) {
    const { rows } = await client.query<{ 'QUERY PLAN': string }>(`EXPLAIN (ANALYZE, BUFFERS) ${s.sql}`, s.params);
    const plan = rows.map((r) => r['QUERY PLAN']);
    const indexes = [
      ...new Set(plan.join('\n').match(/(?:Index|Bitmap Index) (?:Only )?Scan (?:Backward )?(?:using|on) \w+/g) ?? []),
    ];
    const seq = [...new Set(plan.join('\n').match(/Seq Scan on \w+/g) ?? [])];
    console.log(`\n--- EXPLAIN (ANALYZE, BUFFERS) ${title}: ${s.sql.replace(/\s+/g, ' ').slice(0, 100)}...`);
    console.log(`    indexes: ${indexes.join('; ') || 'none'}${seq.length ? ` | ${seq.join('; ')}` : ''}`);
    console.log(plan.map((l) => `    ${l}`).join('\n'));
  }
}

/** The corpus templates' own words: in every sixth claim or more, they are this corpus's stop words. */
const TEMPLATE_WORDS = new Set(
  'said percent since according highest last year will told reporters caused spent million claimed than other city europe country capital state province region higher lower worse better growing faster falling'.split(
    ' ',
  ),
);

/** Two content words (subject, place, name, verb) of a stored claim: a query a reader would type that finds something. */
function twoWords(text: string, corpus: ClaimCorpus): string {
  const words = text
    .toLowerCase()
    .split(/[^a-z]+/)
    .filter((w) => w.length > 3 && !STOP_WORDS.has(w) && !TEMPLATE_WORDS.has(w));
  const a = corpus.pick(words);
  const b = corpus.pick(words.filter((w) => w !== a)) ?? a;
  return `${a} ${b}`;
}

/** Which of the matcher's statements `sql` is, for the per-statement split of (a)'s times. */
function statementKind(sql: string): string {
  if (sql.includes('pairs AS')) return 'candidates';
  if (sql.includes('most_common_elems')) return 'document frequencies';
  if (sql.includes('claim_terms k')) return 'document frequencies (lexicon)';
  if (sql.includes('FROM claim_terms_folded')) return 'lexicon mark';
  return sql.trim().split(/\s+/).slice(0, 2).join(' ');
}

/** (a): matching new claims with the pipeline's code; returns the statements of the last cold batch. */
async function matching(em: EntityManager, log: Logged[], sample: Sampled[], corpus: ClaimCorpus): Promise<Logged[]> {
  const repo = new MatchesRepository();
  // New claims shaped like an article's (one claimant for most, 20 a batch): every other one rewords a stored
  // claim (reword(): a number changed, "said" -> "told reporters", or a word left out; never a `duplicate`, which is nobody's original), the
  // rest are new sentences.
  const originals = sample.filter((s) => s.status !== 'duplicate');
  const newArticle = (n: number, from: number) => {
    const articleId = randomUUID();
    const who = corpus.claimant();
    return Array.from({ length: n }, (_, k) => {
      const s = originals[(from + k) % originals.length];
      const text = k % 2 === 0 ? reword(s.text) : corpus.claim(k % 3 === 0 ? corpus.claimant() : who).text;
      const claim = { id: randomUUID(), articleId, text, claimant: k % 2 === 0 ? s.claimant : who };
      return { ...claim, quantities: [], fingerprint: fingerprint(text), original: k % 2 === 0 ? s.id : null };
    });
  };
  type NewClaim = ReturnType<typeof newArticle>[number];
  const articles = (count: number, from: number) =>
    Array.from({ length: count }, (_, a) => newArticle(PER_BATCH, from + a * PER_BATCH));
  let found = 0;
  let reworded = 0;
  /** Matches `batch` as ClaimsService.matchNew does (rankMany, then rank(i) for each); ms a claim, PG's share. */
  const matchBatch = async (m: PipelineMatcher, batch: NewClaim[]) => {
    log.length = 0;
    const t = process.hrtime.bigint();
    const ranking = await m.rankMany(em, batch);
    const ranked = batch.map((_, i) => ranking.rank(i));
    const total = ms(t);
    ranked.forEach((r, i) => {
      if (!batch[i].original) return;
      reworded++;
      if (r.some((x) => x.id === batch[i].original)) found++;
    });
    const pg = log.reduce((a, l) => a + (l.ms ?? 0), 0);
    const byStatement = new Map<string, number>();
    for (const l of log)
      byStatement.set(statementKind(l.sql), (byStatement.get(statementKind(l.sql)) ?? 0) + (l.ms ?? 0));
    return { perClaim: total / batch.length, pgShare: pg / total, byStatement };
  };
  const runs = async (label: string, batches: NewClaim[][], fresh: boolean, warm?: PipelineMatcher) => {
    const times: number[] = [];
    const shares: number[] = [];
    const statements = new Map<string, number[]>();
    for (const b of batches) {
      const r = await matchBatch(fresh ? new PipelineMatcher(repo) : warm!, b);
      times.push(r.perClaim);
      shares.push(r.pgShare);
      for (const [k, v] of r.byStatement) statements.set(k, [...(statements.get(k) ?? []), v / b.length]);
    }
    const claims = batches.reduce((a, b) => a + b.length, 0);
    const split = [...statements].map(([k, v]) => `${k} ${quantile(v, 0.5).toFixed(1)}`).join(', ');
    console.log(
      `    ${label.padEnd(44)} ${fmt(times)}; ${claims} claims, PostgreSQL ${(100 * quantile(shares, 0.5)).toFixed(0)}% of the time (median: ${split} ms a claim)`,
    );
  };
  const steady = new PipelineMatcher(repo);
  // Warm-up: a worker that has matched some articles already (its document-frequency cache holds their terms).
  for (const b of articles(WARMUP_ARTICLES, 500)) await matchBatch(steady, b);
  found = reworded = 0;
  console.log(
    `\n(a) matching new claims (PipelineMatcher.rankMany + rank, as ClaimsService.matchNew), ms a claim; load ${loadavg()}`,
  );
  const singles = articles(Math.ceil(MATCH_RUNS / PER_BATCH), 0)
    .flat()
    .slice(0, MATCH_RUNS)
    .map((c) => [c]);
  const batches = articles(Math.ceil(MATCH_RUNS / PER_BATCH), 0);
  await runs('one at a time, warm cache', singles, false, steady);
  await runs(`batches of ${PER_BATCH} (an article), warm cache`, batches, false, steady);
  await runs('one at a time, cold cache (new matcher each)', singles, true);
  await runs(`batches of ${PER_BATCH}, cold cache (new matcher each)`, batches, true);
  // The plans shown are a cold batch's: the candidate query and the document-frequency count, as a worker's first
  // article runs them.
  const matchLog = [...log];
  console.log(`    the reworded claim's original among its top 5: ${found} of ${reworded}`);
  return matchLog;
}

/** (b): search and the claims list's `q` with two-word queries; returns their statements. */
async function search(em: EntityManager, log: Logged[], sample: Sampled[], corpus: ClaimCorpus) {
  // (b) search, two-word queries, as GET /v1/search runs them (editor: no reviewer scope).
  const search = new SearchRepository({ manager: em } as DataSource);
  const queries = Array.from({ length: RUNS }, (_, i) => twoWords(sample[(i * 7) % sample.length].text, corpus));
  for (const q of queries.slice(0, 10)) await search.page({ q }, null, 50);
  const searchTimes: number[] = [];
  let hits = 0;
  // The plans shown are the slowest query's: the tail is what p95 is about.
  let searchLog: Logged[] = [];
  let slowest = { q: '', ms: -1 };
  for (const q of queries) {
    log.length = 0;
    const t = process.hrtime.bigint();
    await search.probe(q);
    hits += (await search.page({ q }, null, 50)).length;
    const took = ms(t);
    searchTimes.push(took);
    if (took > slowest.ms) [slowest, searchLog] = [{ q, ms: took }, [...log]];
  }
  console.log(`\n(b) GET /v1/search, two-word queries, first page of 50 with headlines: ${fmt(searchTimes)}`);
  console.log(`    slowest: "${slowest.q}" ${slowest.ms.toFixed(1)} ms (its plan is below)`);
  console.log(
    `    ${(hits / RUNS).toFixed(1)} hits per page on average; e.g. ${queries
      .slice(0, 5)
      .map((q) => `"${q}"`)
      .join(', ')}`,
  );

  // The same, claims only (kind=claim): what ranking article bodies and verdicts adds.
  const claimTimes: number[] = [];
  for (const q of queries) {
    const t = process.hrtime.bigint();
    await search.probe(q);
    await search.page({ q, kind: 'claim' }, null, 50);
    claimTimes.push(ms(t));
  }
  console.log(`    kind=claim only: ${fmt(claimTimes)}`);

  // (c) GET /v1/claims?q= (list order: created_at, id).
  const claimsRepo = new ClaimsRepository(em.getRepository(Claim), em.getRepository(ClaimEvent));
  const listTimes: number[] = [];
  for (const q of queries.slice(0, 10)) await claimsRepo.findPage({ q }, null, 50);
  for (const q of queries) {
    log.length = 0;
    const t = process.hrtime.bigint();
    await claimsRepo.findPage({ q }, null, 50);
    listTimes.push(ms(t));
  }
  const listLog = [...log];
  console.log(`\n(b) GET /v1/claims?q=, the same queries, first page of 50: ${fmt(listTimes)}`);
  return { searchLog, listLog };
}

async function main(): Promise<void> {
  const admin = new Client({ connectionString: ADMIN_URL });
  await admin.connect();
  const exists = (await admin.query(`SELECT 1 FROM pg_database WHERE datname = $1`, [DB])).rowCount === 1;
  if (!exists) await admin.query(`CREATE DATABASE "${DB}"`);
  await admin.end();
  const drop = !values.db || values.drop;
  // Pending migrations too, on a database an earlier run filled.
  execFileSync(process.execPath, ['-r', '@swc-node/register', 'libs/database/src/migrate.ts'], {
    env: { ...process.env, DATABASE_URL: URL },
    stdio: 'inherit',
  });
  const client = new Client({ connectionString: URL });
  await client.connect();
  const ds = new DataSource({ type: 'postgres', url: URL, entities: [Claim, ClaimEvent], extra: { max: 2 } });
  try {
    if (!exists) await load(client);
    // A kept database answers for the corpus it was filled with, whatever this run's --corpus says.
    if (!exists) await client.query(`COMMENT ON TABLE claims IS 'bench corpus: ${CORPUS}'`);
    const filled = (await client.query<{ c: string | null }>(`SELECT obj_description('claims'::regclass) AS c`)).rows[0]
      .c;
    if ((filled ?? 'bench corpus: templates') !== `bench corpus: ${CORPUS}`)
      throw new Error(`${DB} was filled with another corpus (${filled ?? 'templates'}): pass its --corpus`);
    // The same sample every run on the same database (the queries and new claims derive from it).
    const { rows: sample } = await client.query<Sampled>(
      `SELECT id, text, claimant, status FROM claims TABLESAMPLE SYSTEM (0.1) REPEATABLE (1) LIMIT 1000`,
    );
    console.log(
      `${(await client.query<{ n: number }>('SELECT count(*)::int AS n FROM claims')).rows[0].n} claims in ${DB}`,
    );
    if (values['fill-only']) return;
    await ds.initialize();
    if (values.lexicon) {
      // What the sweeper does after a restore or an upgrade (2 s a sweep), here at once, before measuring.
      const t0 = performance.now();
      const folded = await new ClaimTermsRepository().fold(ds.manager, Infinity);
      console.log(`matching lexicon: folded ${folded} claims in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    } else {
      // As before the lexicon: (a) counts every claim holding the words (the worker's sweeper of (c) folds anyway).
      await client.query(`UPDATE claim_terms_folded SET caught_up_at = NULL`);
    }
    const corpus = corpusOf(CORPUS, 7);
    const { runner, log } = recording(ds.createQueryRunner());
    const em = runner.manager;
    if (PARTS.has('matching')) await explain(client, '(a) matching', await matching(em, log, sample, corpus));
    if (PARTS.has('search')) {
      const { searchLog, listLog } = await search(em, log, sample, corpus);
      await explain(client, '(b) search', searchLog);
      await explain(client, '(b) claims list', listLog);
    }
    if (PARTS.has('pipeline')) {
      await pipelineRatio(client, {
        url: URL,
        articles: Number(values['pipeline-articles']),
        rounds: Number(values['pipeline-rounds']),
        encoders: values['pipeline-encoders'].split(',') as ('on' | 'off')[],
        sample: sample.filter((s) => s.status !== 'duplicate'),
        corpus: CORPUS,
      });
    }
    console.log(`\nload average at the end: ${loadavg()}`);
    await runner.release();
  } finally {
    await client.end();
    if (ds.isInitialized) await ds.destroy();
    if (drop) {
      const dropper = new Client({ connectionString: ADMIN_URL });
      await dropper.connect();
      await dropper.query(`DROP DATABASE IF EXISTS "${DB}" WITH (FORCE)`);
      await dropper.end();
    }
  }
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
