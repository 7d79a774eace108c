import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { TestEnv } from './support/test-env';

const run = promisify(execFile);
const ROOT = join(__dirname, '..');

function cli(args: string[]) {
  return run(process.execPath, ['-r', '@swc-node/register', 'apps/cli/src/main.ts', ...args], {
    cwd: ROOT,
    env: { ...process.env, LOG_LEVEL: 'silent' },
    maxBuffer: 64 * 1024 * 1024,
  }).then(
    (r) => ({ code: 0, ...r }),
    (e) => ({ code: e.code as number, stdout: e.stdout as string, stderr: e.stderr as string }),
  );
}

const article = (n: number) => ({
  title: `Report ${n}`,
  body: `The council said on Monday that ${n * 100} new homes would be built by 2027, costing ${n} million pounds.`,
  url: `https://news.example/report-${n}?utm_source=rss`,
  publishedAt: '2025-10-01T09:00:00Z',
});

describe('bulk import', () => {
  let env: TestEnv;
  let editor: string;
  const dir = mkdtempSync(join(tmpdir(), 'claimdesk-import-'));

  beforeAll(async () => {
    env = await TestEnv.start({ env: { BULK_MAX_ARTICLES: '5' } });
    editor = (await env.user('editor')).token;
  });
  afterAll(() => env.close());

  describe('npm run cli -- import FILE.jsonl', () => {
    const file = join(dir, 'mixed.jsonl');
    writeFileSync(
      file,
      [
        JSON.stringify(article(1)),
        JSON.stringify(article(2)),
        '',
        JSON.stringify({ ...article(1), url: undefined, title: 'Same text again' }),
        '{"body": "cut off',
        JSON.stringify({ title: 'no body' }),
        JSON.stringify({ ...article(3), url: 'ftp://files.example/x' }),
        JSON.stringify({ ...article(4), language: 'english' }),
        JSON.stringify(article(5)),
        JSON.stringify({ ...article(6), url: 'https://news.example/report-2' }),
      ].join('\n') + '\n',
    );

    it('imports the good lines, reports duplicates and each invalid line with its reason, and exits 1', async () => {
      const r = await cli(['import', file, '--batch', '3']);
      expect(r.code).toBe(1);
      expect(r.stdout).toContain('3 created, 2 duplicate (already stored), 4 invalid');
      expect(r.stdout).toContain('invalid line 5: not valid JSON');
      expect(r.stdout).toContain('invalid line 6: body: required, not empty');
      expect(r.stdout).toContain('invalid line 7: url: not an http(s) URL');
      expect(r.stdout).toContain('invalid line 8: language: not an ISO 639-1 code');
      const rows = await env.sql<{ url: string; status: string; title: string }>(
        'SELECT url, status, title FROM articles ORDER BY url',
      );
      expect(rows).toEqual([
        { url: 'https://news.example/report-1', status: 'received', title: 'Report 1' },
        { url: 'https://news.example/report-2', status: 'received', title: 'Report 2' },
        { url: 'https://news.example/report-5', status: 'received', title: 'Report 5' },
      ]);
      // Non-TTY: no bar escape codes on stderr.
      expect(r.stderr).not.toContain('\u001b[');
    });

    it('resumes: a rerun creates nothing twice', async () => {
      const r = await cli(['import', file]);
      expect(r.code).toBe(1);
      expect(r.stdout).toContain('0 created, 5 duplicate (already stored), 4 invalid');
      expect(await env.sql('SELECT count(*)::int AS n FROM articles')).toEqual([{ n: 3 }]);
    });

    it('exits 0 when nothing is invalid', async () => {
      const good = join(dir, 'good.jsonl');
      writeFileSync(good, [7, 8, 1].map((n) => JSON.stringify(article(n))).join('\n'));
      const r = await cli(['import', good]);
      expect(r.code).toBe(0);
      expect(r.stdout).toContain('2 created, 1 duplicate (already stored), 0 invalid');
    });

    it('imports a folder of raw .txt articles, reading their headers', async () => {
      const r = await cli(['import', join(ROOT, '../shared/articles')]);
      expect(r.code).toBe(0);
      expect(r.stdout).toContain('1 created, 0 duplicate');
      const [seed] = await env.sql<{ source: string }>(`SELECT source FROM articles WHERE title LIKE 'China Calls%'`);
      expect(seed.source).toBe('UrduPoint.com');
    });

    it('refuses a missing file as a usage error', async () => {
      expect((await cli(['import', join(dir, 'nope.jsonl')])).code).toBe(2);
    });
  });

  describe('POST /v1/articles/bulk', () => {
    it('reports each item: created, duplicate (naming the stored article) or invalid', async () => {
      const [stored] = await env.sql<{ id: string }>(`SELECT id FROM articles WHERE url LIKE '%report-1'`);
      const res = await env.request('POST', '/v1/articles/bulk', {
        token: editor,
        body: {
          items: [article(20), article(1), { body: '' }, { ...article(21), html: '<p>x</p>' }, article(20)],
        },
      });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ created: 1, duplicate: 2, invalid: 2 });
      expect(res.body.items).toEqual([
        { index: 0, status: 'created', id: expect.any(String) },
        { index: 1, status: 'duplicate', id: stored.id },
        { index: 2, status: 'invalid', error: 'body: required, not empty' },
        { index: 3, status: 'invalid', error: 'html: give body or html, not both' },
        { index: 4, status: 'duplicate', id: res.body.items[0].id },
      ]);
    });

    it('takes at most BULK_MAX_ARTICLES items', async () => {
      const res = await env.request('POST', '/v1/articles/bulk', {
        token: editor,
        body: { items: [30, 31, 32, 33, 34, 35].map(article) },
      });
      expect(res.status).toBe(400);
      expect(res.body.message).toContain('at most 5 articles');
    });
  });
});
