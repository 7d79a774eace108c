import { execFile } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { TestEnv } from './support/test-env';

const run = promisify(execFile);
const ROOT = join(__dirname, '..');
const SHARED = join(ROOT, '../shared');

/** The operator CLI, run as a real process (from source through @swc-node/register, as `npm run cli` runs the build). */
function cli(args: string[], env: NodeJS.ProcessEnv = process.env) {
  return run(process.execPath, ['-r', '@swc-node/register', 'apps/cli/src/main.ts', ...args], {
    cwd: ROOT,
    env: { ...env, LOG_LEVEL: 'silent' },
    maxBuffer: 64 * 1024 * 1024,
  }).then(
    (r) => ({ code: 0, ...r }),
    (e) => ({ code: e.code as number, stdout: e.stdout as string, stderr: e.stderr as string }),
  );
}

describe('cli', () => {
  let env: TestEnv;
  beforeAll(async () => {
    env = await TestEnv.start();
  });
  afterAll(() => env.close());

  describe('users:create', () => {
    it('creates the first admin and prints a working token on the last line', async () => {
      const r = await cli(['users:create', '--email', 'root@example.org', '--name', 'Root', '--role', 'admin']);
      expect(r.code).toBe(0);
      const token = r.stdout.trim().split('\n').at(-1)!;
      expect(token).toMatch(/^cdk_[A-Za-z0-9_-]{43}$/);
      const me = await env.request('GET', '/v1/me', { token });
      expect(me.body).toMatchObject({ email: 'root@example.org', role: 'admin' });
    });

    it('refuses bad arguments with exit code 2 and says which', async () => {
      const r = await cli(['users:create', '--email', 'x@example.org', '--name', 'X', '--role', 'overlord']);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/--role must be one of admin, editor, reviewer/);
    });

    it('refuses a duplicate email with exit code 1 and no token', async () => {
      const r = await cli(['users:create', '--email', 'ROOT@example.org', '--name', 'Again', '--role', 'editor']);
      expect(r.code).toBe(1);
      expect(r.stdout).not.toMatch(/cdk_/);
      expect(r.stderr).toMatch(/exists/);
    });
  });

  describe('score', () => {
    it('writes Sentence_id, score and label for each row of a TSV, header first', async () => {
      const src = join(SHARED, 'data/checkworthiness/CT24_checkworthy_english_dev-test.tsv');
      const r = await cli(['score', '--input', src, '--fast']);
      expect(r.code).toBe(0);
      const lines = r.stdout.trim().split('\n');
      expect(lines[0]).toBe('Sentence_id\tscore\tlabel');
      const rows = readFileSync(src, 'utf8')
        .split('\n')
        .filter((l) => l.trim()).length; // header included
      expect(lines).toHaveLength(rows);
      for (const line of lines.slice(1)) expect(line).toMatch(/^\d+\t(0|1|0\.\d+)\t(Yes|No)$/);
    });

    it('scores with both stages by default: stage 2 changes the scores of the sentences passing the low cut', async () => {
      const tsv = join(tmpdir(), `cd-two-${process.pid}.tsv`);
      writeFileSync(
        tsv,
        'Sentence_id\tText\n1\tUnemployment fell to 3.5 percent in 2019.\n2\tThank you very much, everybody.\n' +
          '3\tWe spent $4 billion on a wall that was never built.\n',
      );
      const scores = (out: string) =>
        out
          .trim()
          .split('\n')
          .slice(1)
          .map((l) => Number(l.split('\t')[1]));
      const [two, fast] = await Promise.all([cli(['score', '--input', tsv]), cli(['score', '--input', tsv, '--fast'])]);
      expect([two.code, fast.code]).toEqual([0, 0]);
      expect(scores(two.stdout)).toHaveLength(3);
      expect(scores(two.stdout)[0]).not.toBeCloseTo(scores(fast.stdout)[0], 4);
      expect(scores(two.stdout)[0]).toBeGreaterThan(scores(two.stdout)[1]);
    }, 120_000);

    it('refuses a file without the Sentence_id and Text columns', async () => {
      const bad = join(tmpdir(), `cd-bad-${process.pid}.tsv`);
      writeFileSync(bad, 'a\tb\n1\tx\n');
      const r = await cli(['score', '--input', bad]);
      expect(r.code).not.toBe(0);
      expect(r.stderr).toMatch(/Sentence_id/);
    });
  });

  describe('extract', () => {
    it('prints the claims of a raw article with the API claim fields', async () => {
      const r = await cli(['extract', join(SHARED, 'articles/000_85f1aeb291a03b72.txt')]);
      expect(r.code).toBe(0);
      const { claims } = JSON.parse(r.stdout);
      const burt = claims.find((c: { text: string }) => c.text.includes('confidentiality orders'));
      expect(burt).toMatchObject({ claimant: 'Tom Burt', type: 'quantity' });
      expect(burt.quantities[0]).toMatchObject({ min: 2400, max: 3500, unit: 'confidentiality orders' });
    });

    it('answers a .jsonl file line for line', async () => {
      const file = join(tmpdir(), `cd-${process.pid}.jsonl`);
      writeFileSync(
        file,
        [
          JSON.stringify({ id: 'a', body: 'Unemployment fell to 3.5 percent in 2019, the minister said.' }),
          JSON.stringify({ id: 'b', body: 'Good evening.' }),
        ].join('\n') + '\n',
      );
      const r = await cli(['extract', file]);
      expect(r.code).toBe(0);
      const out = r.stdout
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l));
      expect(out.map((o) => o.id)).toEqual(['a', 'b']);
      expect(out[0].claims[0]).toMatchObject({
        type: 'quantity',
        quantities: [expect.objectContaining({ value: 3.5 })],
      });
      expect(out[1].claims).toEqual([]);
    });

    it('returns the claim of a one-line body without final punctuation, and the title as a claim (issue 14)', async () => {
      const file = join(tmpdir(), `cd-line-${process.pid}.jsonl`);
      const body = 'US authorities found 39 missing children in a double-wide trailer in Georgia';
      writeFileSync(file, JSON.stringify({ id: 'x', title: 'Dozens of Children Found', body }) + '\n');
      const [two, fast] = await Promise.all([cli(['extract', file]), cli(['extract', file, '--fast'])]);
      expect([two.code, fast.code]).toEqual([0, 0]);
      const claims = JSON.parse(two.stdout.trim()).claims;
      expect(claims.map((c: { section: string }) => c.section)).toEqual(['title', 'body']);
      expect(claims[0]).toMatchObject({
        span: null,
        quantities: [expect.objectContaining({ min: 24, approximate: true })],
      });
      expect(claims[1]).toMatchObject({ span: { start: 0, end: body.length }, type: 'quantity', sentence: body });
      expect(claims[1].quantities[0]).toMatchObject({ value: 39 });
      expect(claims[1].scoredBy).toEqual(['fast', 'encoder']);
      expect(claims[1].embedding).toBeUndefined();
      expect(JSON.parse(fast.stdout.trim()).claims[1].scoredBy).toBeUndefined();
    }, 120_000);
  });
  describe('match', () => {
    it('prints query_id, claim_id, rank and score for the top matches of each query, best first', async () => {
      const claims = join(tmpdir(), `cd-claims-${process.pid}.tsv`);
      const queries = join(tmpdir(), `cd-queries-${process.pid}.tsv`);
      writeFileSync(
        claims,
        'id\ttext\tignored\n' +
          'burt\tFrom 2,400 to 3,500 confidentiality orders were issued, Tom Burt said.\tx\n' +
          'rain\tRain is expected across the region this weekend.\tx\n' +
          'court\tThe court issued 40 orders on Tuesday.\tx\n',
      );
      writeFileSync(
        queries,
        'id\ttext\n' +
          'q1\tBurt said between 2,400 and 3,500 secrecy orders had been issued.\n' +
          'q2\tHeavy rain expected this weekend across the region\n',
      );
      const r = await cli(['match', '--claims', claims, '--queries', queries, '--top', '2', '--no-semantic']);
      expect(r.code).toBe(0);
      const lines = r.stdout.trim().split('\n');
      expect(lines[0]).toBe('query_id\tclaim_id\trank\tscore');
      const rows = lines.slice(1).map((l) => l.split('\t'));
      expect(rows.filter((x) => x[0] === 'q1').map((x) => [x[1], x[2]])).toEqual([
        ['burt', '1'],
        ['court', '2'],
      ]);
      expect(rows.find((x) => x[0] === 'q2')?.[1]).toBe('rain');
      for (const x of rows) expect(Number(x[3])).toBeGreaterThan(0);
    });

    it('refuses a missing --queries with exit code 2', async () => {
      const r = await cli(['match', '--claims', 'nowhere.tsv']);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/--queries/);
    });
  });
});
