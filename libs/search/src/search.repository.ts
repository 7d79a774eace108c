import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { ClaimIdScope } from '@claimdesk/claims';
import { rawQuery } from '@claimdesk/database';
import { HEADLINE_LONG, HEADLINE_SHORT, MARKS } from './highlight';
import type { RankCursor } from './search-cursor';

export const HIT_KINDS = ['claim', 'verdict', 'article'] as const;
export type HitKind = (typeof HIT_KINDS)[number];

export interface SearchFilter {
  q: string;
  kind?: HitKind;
  articleId?: string;
  status?: string;
  type?: string;
  assigneeId?: string;
  /** Part of the claimant's name, case-insensitive. */
  claimant?: string;
  /** Claims with a current (submitted or approved) verdict of this rating; verdicts of this rating. */
  rating?: string;
  /** The hit's own creation time: claim extracted, verdict submitted, article received (inclusive). */
  from?: Date;
  to?: Date;
  /** The claims a reviewer may read (GET /v1/claims's rule); absent for editors and admins. */
  within?: ClaimIdScope;
}

export interface HitRow {
  kind: HitKind;
  id: string;
  claim_id: string | null;
  article_id: string;
  rank: number;
  h_text: string | null;
  h_summary: string | null;
  h_sources: string | null;
  h_title: string | null;
  h_body: string | null;
  c_text: string | null;
  c_status: string | null;
  c_type: string | null;
  c_claimant: string | null;
  v_rating: string | null;
  v_status: string | null;
  a_title: string | null;
  a_source: string | null;
  a_published_at: Date | null;
  created_at: Date;
}

/** ts_rank_cd's weights {D, C, B, A}: claim text and summaries count fully, sources 0.7, article bodies 0.4. */
const WEIGHTS = `'{1.0, 0.4, 0.7, 1.0}'::real[]`;
/** 1: divided by 1 + log(length), so long article bodies do not outrank the sentence that says it; 32: into [0, 1). */
const NORMALIZATION = 1 | 32;
const CURRENT_VERDICT = `('submitted', 'approved')`;
/**
 * How many of the newest matches of each kind are ranked. Ranking reads each match's vector (an article body's is
 * large and stored out of line), so a common two-word query at a million claims took 350 ms p95 when every match
 * was ranked; within these windows it answers in tens of ms. Older matches are reached with `from`/`to`.
 */
export const RANK_WINDOW = { claim: 1000, verdict: 1000, article: 200 } as const;

/**
 * The claims' rank window is looked for among the newest RECENT_CLAIMS claims first: a common phrase ("health
 * authority", 24,000 of a million claims) otherwise reads every match's row from all over the table to find the
 * newest, 110 ms. The answer is the same either way: when the recent ones hold a full window, the newest matches
 * are all among them; when they do not, the older claims make up the rest in the same statement.
 */
export const RECENT_CLAIMS = 100_000;
/**
 * The articles' window the same way, among the newest RECENT_ARTICLES: found newest first through the creation-time
 * index, every article on the way had its large vector read ("hope tonight": 11,208 read for 200, 96-534 ms). The
 * older ones are read all at once by the text index when needed (no vector read), then the newest kept.
 */
export const RECENT_ARTICLES = 5_000;
/** The recent claims' boundary (a creation time) is looked up at most this often: any boundary gives the same answer. */
const RECENT_TTL_MS = 60_000;

/** Positional parameters for hand-built SQL. */
class Params {
  readonly values: unknown[] = [];
  add(v: unknown): string {
    this.values.push(v);
    return `$${this.values.length}`;
  }
  /** A scope's `:name` parameters (TypeORM style) as positional ones. */
  scope(s: ClaimIdScope): string {
    return s.sql.replace(/:(\w+)/g, (_, name: string) => this.add(s.params[name]));
  }
}

/**
 * Full-text search over the generated `search_vector` columns (migration 1765800000000): claims, current verdicts
 * (summary, sources) and articles (title, body), ranked together by ts_rank_cd, keyset-paginated on (rank, id).
 * A read model over three features' tables by design: one ranked list cannot be merged from three services'
 * pages. ts_headline (costly: it re-parses the text) runs on the returned page only.
 */
@Injectable()
export class SearchRepository {
  private recent = {
    claims: { at: -Infinity, since: null as Date | null },
    articles: { at: -Infinity, since: null as Date | null },
  };
  /** The sizes above, as fields so that a test can shrink them to a handful of rows. */
  recentClaims = RECENT_CLAIMS;
  claimWindow: number = RANK_WINDOW.claim;
  recentArticles = RECENT_ARTICLES;
  articleWindow: number = RANK_WINDOW.article;

  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** The n-th newest row's creation time (null while there are fewer): an index-only walk. */
  private async recentSince(table: 'claims' | 'articles'): Promise<Date | null> {
    const now = Date.now();
    const cached = this.recent[table];
    if (now - cached.at < RECENT_TTL_MS) return cached.since;
    const { rows } = await rawQuery<{ created_at: Date }>(
      this.db.manager,
      `SELECT created_at FROM ${table} ORDER BY created_at DESC OFFSET $1 LIMIT 1`,
      [(table === 'claims' ? this.recentClaims : this.recentArticles) - 1],
    );
    this.recent[table] = { at: now, since: rows[0]?.created_at ?? null };
    return this.recent[table].since;
  }

  /** The bound of the recent rows for a search of `kind`s, or null when one pass does (`from` within them). */
  private async bound(f: SearchFilter, kind: 'claim' | 'article'): Promise<Date | null> {
    if (f.kind && f.kind !== kind) return null;
    const since = await this.recentSince(kind === 'claim' ? 'claims' : 'articles');
    return since && !(f.from && f.from >= since) ? since : null;
  }

  /** Whether the query has a word an index can find (a query of only `-excluded` words would match everything). */
  async probe(q: string): Promise<{ empty: boolean; indexable: boolean }> {
    const { rows } = await rawQuery<{ n: number; tree: string }>(
      this.db.manager,
      `SELECT numnode(t) AS n, querytree(t) AS tree FROM websearch_to_tsquery('english', $1) t`,
      [q],
    );
    return { empty: rows[0].n === 0, indexable: rows[0].tree !== 'T' };
  }

  /**
   * One page of hits. The claims' rank window is looked for among the RECENT_CLAIMS newest claims first (see
   * claimHits); with `from` at or after their bound every match is recent, and one pass does.
   */
  async page(f: SearchFilter, after: RankCursor | null, limit: number): Promise<HitRow[]> {
    const recentSince = await this.bound(f, 'claim');
    const recentArticles = f.within === undefined ? await this.bound(f, 'article') : null;
    const p = new Params();
    // Written out in each arm (not read from a CTE) so the planner sees the query's words when it plans.
    const tsq = `websearch_to_tsquery('english', ${p.add(f.q)})`;
    const parts: string[] = [];
    if (!f.kind || f.kind === 'claim') parts.push(this.claimHits(p, f, tsq, recentSince));
    if (!f.kind || f.kind === 'verdict') parts.push(this.verdictHits(p, f, tsq));
    if (!f.kind || f.kind === 'article') parts.push(this.articleHits(p, f, tsq, recentArticles));
    let keyset = '';
    if (after) {
      const rank = p.add(after.rank);
      keyset = `WHERE h.rank < ${rank}::real OR (h.rank = ${rank}::real AND h.id > ${p.add(after.id)})`;
    }
    const strip = (col: string) => `translate(${col}, '${MARKS}', '')`;
    const short = p.add(HEADLINE_SHORT);
    const long = p.add(HEADLINE_LONG);
    const sources = `(SELECT string_agg(concat_ws(' ', s->>'title', s->>'url'), ' · ') FROM jsonb_array_elements(v.sources) s)`;
    const { rows } = await rawQuery<HitRow>(
      this.db.manager,
      `WITH q AS (SELECT ${tsq} AS tsq),
       hits AS (${parts.join(' UNION ALL ')}),
       page AS (SELECT * FROM hits h ${keyset} ORDER BY h.rank DESC, h.id LIMIT ${p.add(limit + 1)})
       SELECT p.kind, p.id, p.claim_id, p.article_id, p.rank, p.created_at,
              CASE WHEN p.kind = 'claim' THEN ts_headline('english', ${strip('c.text')}, q.tsq, ${short}) END AS h_text,
              ts_headline('english', ${strip('v.summary')}, q.tsq, ${short}) AS h_summary,
              ts_headline('english', ${strip(sources)}, q.tsq, ${short}) AS h_sources,
              CASE WHEN p.kind = 'article' THEN ts_headline('english', ${strip("coalesce(a.title, '')")}, q.tsq, ${short}) END AS h_title,
              CASE WHEN p.kind = 'article' AND p.body_visible THEN ts_headline('english', ${strip('a.body')}, q.tsq, ${long}) END AS h_body,
              c.text AS c_text, c.status AS c_status, c.type AS c_type, c.claimant AS c_claimant,
              v.rating AS v_rating, v.status AS v_status,
              a.title AS a_title, a.source AS a_source, a.published_at AS a_published_at
         FROM page p CROSS JOIN q
         LEFT JOIN claims c ON c.id = p.claim_id
         LEFT JOIN verdicts v ON p.kind = 'verdict' AND v.id = p.id
         JOIN articles a ON a.id = p.article_id
        ORDER BY p.rank DESC, p.id`,
      p.values,
    );
    return rows;
  }

  /** Conditions on a claim `c` shared by the three kinds (the verdict's claim, an article's claims). */
  private claimConditions(p: Params, f: SearchFilter, opts: { rating: boolean }): string[] {
    const w: string[] = [];
    if (f.status) w.push(`c.status = ${p.add(f.status)}`);
    if (f.type) w.push(`c.type = ${p.add(f.type)}`);
    if (f.assigneeId) w.push(`c.assignee_id = ${p.add(f.assigneeId)}`);
    if (f.claimant) w.push(`c.claimant ILIKE ${p.add(`%${f.claimant.replace(/[\\%_]/g, '\\$&')}%`)} ESCAPE '\\'`);
    if (f.rating && opts.rating)
      w.push(
        `EXISTS (SELECT 1 FROM verdicts rv WHERE rv.claim_id = c.id AND rv.status IN ${CURRENT_VERDICT} AND rv.rating = ${p.add(f.rating)})`,
      );
    if (f.within) w.push(`c.id IN (${p.scope(f.within)})`);
    return w;
  }

  private dates(p: Params, f: SearchFilter, col: string): string[] {
    const w: string[] = [];
    if (f.from) w.push(`${col} >= ${p.add(f.from)}`);
    if (f.to) w.push(`${col} <= ${p.add(f.to)}`);
    return w;
  }

  private claimHits(p: Params, f: SearchFilter, tsq: string, since: Date | null): string {
    const w = [
      `c.search_vector @@ ${tsq}`,
      ...(f.articleId ? [`c.article_id = ${p.add(f.articleId)}`] : []),
      ...this.claimConditions(p, f, { rating: true }),
      ...this.dates(p, f, 'c.created_at'),
    ].join(' AND ');
    const newest = `ORDER BY c.created_at DESC, c.id DESC LIMIT`;
    if (!since) return this.rankedClaims(tsq, `SELECT c.id FROM claims c WHERE ${w} ${newest} ${this.claimWindow}`);
    // The recent claims first, found by the index alone (the day beside the words in claims_search_day_idx; the
    // time is the exact bound); the older ones are read only when the recent ones fall short of the window (a
    // one-time filter: PostgreSQL skips that scan otherwise).
    const at = p.add(since);
    const day = `(c.created_at AT TIME ZONE 'UTC')::date >= (${at}::timestamptz AT TIME ZONE 'UTC')::date`;
    const found = `(SELECT count(*) FROM recent)`;
    return this.rankedClaims(
      tsq,
      `WITH recent AS MATERIALIZED (
         SELECT c.id FROM claims c WHERE ${w} AND ${day} AND c.created_at >= ${at} ${newest} ${this.claimWindow})
       SELECT id FROM recent
       UNION ALL
       (SELECT c.id FROM claims c WHERE ${w} AND c.created_at < ${at} AND ${found} < ${this.claimWindow}
         ${newest} ${this.claimWindow} - ${found})`,
    );
  }

  /** Claim hits, ranked, for the claim ids `ids` selects. */
  private rankedClaims(tsq: string, ids: string): string {
    return `SELECT 'claim'::text AS kind, c.id, c.id AS claim_id, c.article_id, c.created_at, false AS body_visible,
                   ts_rank_cd(${WEIGHTS}, c.search_vector, ${tsq}, ${NORMALIZATION}) AS rank
              FROM (${ids}) m
              JOIN claims c ON c.id = m.id`;
  }

  private verdictHits(p: Params, f: SearchFilter, tsq: string): string {
    const w = [
      `v.search_vector @@ ${tsq}`,
      `v.status IN ${CURRENT_VERDICT}`,
      ...(f.articleId ? [`c.article_id = ${p.add(f.articleId)}`] : []),
      ...(f.rating ? [`v.rating = ${p.add(f.rating)}`] : []),
      ...this.claimConditions(p, f, { rating: false }),
      ...this.dates(p, f, 'v.created_at'),
    ];
    return `SELECT 'verdict'::text AS kind, v.id, v.claim_id, m.article_id, v.created_at, false AS body_visible,
                   ts_rank_cd(${WEIGHTS}, v.search_vector, ${tsq}, ${NORMALIZATION}) AS rank
              FROM (SELECT v.id, c.article_id FROM verdicts v JOIN claims c ON c.id = v.claim_id WHERE ${w.join(' AND ')}
                     ORDER BY v.created_at DESC, v.id DESC LIMIT ${RANK_WINDOW.verdict}) m
              JOIN verdicts v ON v.id = m.id`;
  }

  /**
   * Articles. With claim filters, an article counts when one of its claims passes them. A reviewer's articles
   * are those of claims they may read, found by their titles only (reviewers do not read article bodies).
   */
  private articleHits(p: Params, f: SearchFilter, tsq: string, since: Date | null): string {
    const claimWhere = this.claimConditions(p, f, { rating: true });
    const reviewer = f.within !== undefined;
    const vector = reviewer ? `to_tsvector('english', coalesce(a.title, ''))` : 'a.search_vector';
    const w = [
      `${vector} @@ ${tsq}`,
      ...(f.articleId ? [`a.id = ${p.add(f.articleId)}`] : []),
      ...(claimWhere.length ? [`a.id IN (SELECT c.article_id FROM claims c WHERE ${claimWhere.join(' AND ')})`] : []),
      ...this.dates(p, f, 'a.created_at'),
    ];
    const rankVector = reviewer ? `setweight(${vector}, 'A')` : vector;
    const where = w.join(' AND ');
    const newest = `ORDER BY a.created_at DESC, a.id DESC LIMIT`;
    let ids = `SELECT a.id FROM articles a WHERE ${where} ${newest} ${this.articleWindow}`;
    if (since && !reviewer) {
      // As claimHits, but the older articles are all read by the text index (no vector read) before the newest are
      // kept: found newest first, each one's vector would be read and tested.
      const at = p.add(since);
      const day = `(a.created_at AT TIME ZONE 'UTC')::date >= (${at}::timestamptz AT TIME ZONE 'UTC')::date`;
      const found = `(SELECT count(*) FROM recent_articles)`;
      ids = `WITH recent_articles AS MATERIALIZED (
               SELECT a.id FROM articles a WHERE ${where} AND ${day} AND a.created_at >= ${at} ${newest} ${this.articleWindow}
             ), older_articles AS MATERIALIZED (
               SELECT a.id, a.created_at FROM articles a
                WHERE ${where} AND a.created_at < ${at} AND ${found} < ${this.articleWindow}
             )
             SELECT id FROM (
               SELECT id FROM recent_articles
               UNION ALL
               (SELECT id FROM older_articles a ${newest} ${this.articleWindow} - ${found})
             ) u LIMIT ${this.articleWindow}`; // never more; said so the planner joins the bodies by id, not by a scan
    }
    return `SELECT 'article'::text AS kind, a.id, NULL::uuid AS claim_id, a.id AS article_id, a.created_at,
                   ${!reviewer} AS body_visible, ts_rank_cd(${WEIGHTS}, ${rankVector}, ${tsq}, ${NORMALIZATION}) AS rank
              FROM (${ids}) m
              JOIN articles a ON a.id = m.id`;
  }
}
