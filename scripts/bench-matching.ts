/**
 * `npm run bench:matching -- [--claims 1000000] [--per-article 20] [--runs 200]`: issue 10's benchmark at scale.
 * Fills a scratch database of its own (dropped at the end) with varied claims, their articles and some verdicts by
 * COPY (pg-copy-streams; indexes built after the load, as a restore would), then measures p50/p95 of
 *   (a) matching one new claim: the pipeline's own code (PipelineMatcher, as ClaimsService.matchNew calls it, one
 *       instance for the run as in the worker: candidate lookup in PostgreSQL + document frequencies + re-rank),
 *   (b) search for two-word queries: SearchRepository, as GET /v1/search runs it (first page of 50, headlines),
 *   (c) GET /v1/claims?q=: ClaimsRepository.findPage with the same two-word queries,
 * and prints EXPLAIN (ANALYZE, BUFFERS) of the statements each made (captured from the query runner).
 * Run it under `flock /tmp/claimdesk-suite.lock`.
 */
import { createHash, randomUUID } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { parseArgs } from 'node:util';
import { Client } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { DataSource, QueryRunner } from 'typeorm';
import { Claim } from '../libs/claims/src/claim.entity';
import { ClaimEvent } from '../libs/claims/src/claim-event.entity';
import { PipelineMatcher } from '../libs/claims/src/claim-matching';
import { ClaimsRepository } from '../libs/claims/src/claims.repository';
import { MatchesRepository } from '../libs/claims/src/matches.repository';
import { fingerprint, STOP_WORDS } from '../libs/matching/src';
import { SearchRepository } from '../libs/search/src/search.repository';
import { ClaimCorpus } from './lib/claim-corpus';

const { values } = parseArgs({
  options: {
    claims: { type: 'string', default: '1000000' },
    'per-article': { type: 'string', default: '20' },
    runs: { type: 'string', default: '200' },
    /** Matching runs: a call can take seconds at this scale (see the README), so fewer by default. */
    'match-runs': { type: 'string', default: '10' },
    /** Reuse a database an earlier run filled (and left, when stopped): skips the load; dropped at the end. */
    db: { type: 'string' },
  },
});
const CLAIMS = Number(values.claims);
const PER_ARTICLE = Number(values['per-article']);
const RUNS = Number(values.runs);
const MATCH_RUNS = Number(values['match-runs']);
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

/** Loads articles, claims and verdicts; returns a sample of the claims for queries. */
async function load(client: Client): Promise<{ text: string; claimant: string }[]> {
  const corpus = new ClaimCorpus(20261202);
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

  const sample: { text: string; claimant: string }[] = [];
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
      if (corpus.rand() < 0.001) sample.push({ text, claimant: who });
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
  return sample;
}

/** A query runner that records each statement it runs, so the benchmark can EXPLAIN what the code sent. */
function recording(runner: QueryRunner): { runner: QueryRunner; log: { sql: string; params: unknown[] }[] } {
  const log: { sql: string; params: unknown[] }[] = [];
  const query = runner.query.bind(runner);
  runner.query = ((sql: string, params?: unknown[], structured?: boolean) => {
    log.push({ sql, params: params ?? [] });
    return query(sql, params, structured as never);
  }) as QueryRunner['query'];
  return { runner, log };
}

async function explain(client: Client, title: string, stmts: { sql: string; params: unknown[] }[]): Promise<void> {
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

async function main(): Promise<void> {
  if (!values.db) {
    const admin = new Client({ connectionString: ADMIN_URL });
    await admin.connect();
    await admin.query(`CREATE DATABASE "${DB}"`);
    await admin.end();
    execFileSync(process.execPath, ['-r', '@swc-node/register', 'libs/database/src/migrate.ts'], {
      env: { ...process.env, DATABASE_URL: URL },
      stdio: 'inherit',
    });
  }
  const client = new Client({ connectionString: URL });
  await client.connect();
  const ds = new DataSource({ type: 'postgres', url: URL, entities: [Claim, ClaimEvent], extra: { max: 2 } });
  try {
    const sample = values.db
      ? (
          await client.query<{ text: string; claimant: string }>(
            `SELECT text, claimant FROM claims TABLESAMPLE SYSTEM (0.1) LIMIT 1000`,
          )
        ).rows
      : await load(client);
    console.log(
      `${(await client.query<{ n: number }>('SELECT count(*)::int AS n FROM claims')).rows[0].n} claims in ${DB}`,
    );
    await ds.initialize();
    const corpus = new ClaimCorpus(7);
    const { runner, log } = recording(ds.createQueryRunner());
    const em = runner.manager;
    const pipelineMatcher = new PipelineMatcher(new MatchesRepository());

    // (a) one new claim at a time: half rewordings of stored claims, half new ones.
    const newClaims = Array.from({ length: MATCH_RUNS }, (_, i) => {
      const s = sample[i % sample.length];
      const text =
        i % 2 === 0
          ? s.text.replace(/\b(\d+)\b/, (n) => String(Number(n) + 1)).replace(/ said\.$/, ' told reporters.')
          : corpus.claim(corpus.claimant()).text;
      return {
        id: randomUUID(),
        articleId: randomUUID(),
        text,
        claimant: s.claimant,
        quantities: [],
        fingerprint: fingerprint(text),
      };
    });
    const matchOne = async (c: (typeof newClaims)[number]) => (await pipelineMatcher.rankMany(em, [c])).rank(0);
    await matchOne(newClaims[newClaims.length - 1]); // warm-up
    const matchTimes: number[] = [];
    let found = 0;
    for (const c of newClaims) {
      log.length = 0;
      const t = process.hrtime.bigint();
      const ranked = await matchOne(c);
      matchTimes.push(ms(t));
      if (ranked[0] && ranked[0].score >= 0.5) found++;
    }
    const matchLog = [...log];
    console.log(
      `\n(a) matching one new claim (PipelineMatcher: candidates + BM25 statistics + re-rank): ${fmt(matchTimes)}`,
    );
    console.log(`    ${found} of ${MATCH_RUNS} got a match >= 0.5 (half of them reword a stored claim)`);

    // (b) search, two-word queries, as GET /v1/search runs them (editor: no reviewer scope).
    const search = new SearchRepository({ manager: em } as DataSource);
    const queries = Array.from({ length: RUNS }, (_, i) => twoWords(sample[(i * 7) % sample.length].text, corpus));
    for (const q of queries.slice(0, 10)) await search.page({ q }, null, 50);
    const searchTimes: number[] = [];
    let hits = 0;
    for (const q of queries) {
      log.length = 0;
      const t = process.hrtime.bigint();
      await search.probe(q);
      hits += (await search.page({ q }, null, 50)).length;
      searchTimes.push(ms(t));
    }
    const searchLog = [...log];
    console.log(`\n(b) GET /v1/search, two-word queries, first page of 50 with headlines: ${fmt(searchTimes)}`);
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
    console.log(`\n(c) GET /v1/claims?q=, the same queries, first page of 50: ${fmt(listTimes)}`);

    await explain(client, '(a) matching', matchLog);
    await explain(client, '(b) search', searchLog);
    await explain(client, '(c) claims list', listLog);
    await runner.release();
  } finally {
    await client.end();
    if (ds.isInitialized) await ds.destroy();
    const drop = new Client({ connectionString: ADMIN_URL });
    await drop.connect();
    await drop.query(`DROP DATABASE IF EXISTS "${DB}" WITH (FORCE)`);
    await drop.end();
  }
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
