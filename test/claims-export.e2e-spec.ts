import { TestEnv } from './support/test-env';
import { seedClaims } from './support/seed';

/** A reader independent of the writer: RFC 4180 (quoted cells, doubled quotes, line breaks inside quotes). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  const endCell = () => {
    row.push(cell);
    cell = '';
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted && ch === '"' && text[i + 1] === '"') {
      cell += '"';
      i++;
    } else if (quoted && ch === '"') quoted = false;
    else if (quoted) cell += ch;
    else if (ch === '"') quoted = true;
    else if (ch === ',') endCell();
    else if (ch === '\r' && text[i + 1] === '\n') {
      endCell();
      rows.push(row);
      row = [];
      i++;
    } else cell += ch;
  }
  if (cell || row.length) {
    endCell();
    rows.push(row);
  }
  return rows;
}

describe('GET /v1/claims/export.csv', () => {
  let env: TestEnv;
  let editor: { id: string; token: string };
  let tricky: string;
  let plain: string;
  const TEXT = '=HYPERLINK("http://x") said "no", then\nleft, with 3 commas,';
  const SUMMARY = 'False: "1,000" is\r\nwrong';

  beforeAll(async () => {
    env = await TestEnv.start();
    editor = await env.user('editor');
    const { claims } = await seedClaims(env, [0.1, 0.1]);
    [tricky, plain] = claims.map((c) => c.id);
    await env.sql(`UPDATE claims SET text = $2, status = 'published' WHERE id = $1`, [tricky, TEXT]);
    await env.sql(
      `INSERT INTO verdicts (claim_id, version, rating, summary, sources, status, author_id, reviewed_at)
       VALUES ($1, 1, 'false', $2, '[]', 'approved', $3, '2026-01-02T03:04:05.678Z')`,
      [tricky, SUMMARY, editor.id],
    );
  });
  afterAll(() => env.close());

  it('streams CSV as an attachment; tricky text round-trips, formulas defused', async () => {
    const res = await env.request<string>('GET', '/v1/claims/export.csv', { token: editor.token });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="claims-\d{4}-\d{2}-\d{2}\.csv"$/);
    const [header, ...rows] = parseCsv(res.body);
    expect(header).toContain('verdict_summary');
    const col = (name: string) => header.indexOf(name);
    const byId = new Map(rows.map((r) => [r[col('id')], r]));
    expect(rows.every((r) => r.length === header.length)).toBe(true);
    const t = byId.get(tricky)!;
    expect(t[col('text')]).toBe(`'${TEXT}`);
    expect(t[col('status')]).toBe('published');
    expect(t[col('verdict_rating')]).toBe('false');
    expect(t[col('verdict_summary')]).toBe(SUMMARY);
    expect(t[col('verdict_published_at')]).toBe('2026-01-02T03:04:05.678Z');
    expect(byId.get(plain)![col('verdict_rating')]).toBe('');
  });

  it("applies GET /v1/claims' filters", async () => {
    const res = await env.request<string>('GET', '/v1/claims/export.csv?status=published', { token: editor.token });
    const ids = parseCsv(res.body)
      .slice(1)
      .map((r) => r[0]);
    expect(ids).toEqual([tricky]);
    const bad = await env.request('GET', '/v1/claims/export.csv?status=nope', { token: editor.token });
    expect(bad.status).toBe(400);
  });

  it('pages through more claims than one page holds: each exactly once, oldest first', async () => {
    const [{ article_id: articleId }] = await env.sql<{ article_id: string }>(
      `SELECT article_id FROM claims WHERE id = $1`,
      [plain],
    );
    // 450 dismissed claims (more than two export pages), some sharing a creation time (the keyset's tie-break on id).
    const ids = (
      await env.sql<{ id: string }>(
        `INSERT INTO claims (article_id, text, sentence, span_start, span_end, type, score, priority, status, created_at)
         SELECT $1, 'Paged claim ' || i, 'Paged claim ' || i, 100000 + i * 10, 100000 + i * 10 + 5, 'quantity', 0.5, 0.5,
                'dismissed', '2026-01-01T00:00:00Z'::timestamptz + (i / 3) * interval '1 ms'
           FROM generate_series(1, 450) i
         RETURNING id, created_at`,
        [articleId],
      )
    ).map((r) => r.id);
    const res = await env.request<string>('GET', '/v1/claims/export.csv?status=dismissed', { token: editor.token });
    const rows = parseCsv(res.body).slice(1);
    const expected = (
      await env.sql<{ id: string }>(`SELECT id FROM claims WHERE status = 'dismissed' ORDER BY created_at, id`)
    ).map((r) => r.id);
    expect(expected).toHaveLength(450);
    expect(new Set(ids)).toEqual(new Set(expected));
    expect(rows.map((r) => r[0])).toEqual(expected);
  });

  it('refuses a reviewer', async () => {
    const reviewer = await env.user('reviewer');
    expect((await env.request('GET', '/v1/claims/export.csv', { token: reviewer.token })).status).toBe(403);
  });
});
