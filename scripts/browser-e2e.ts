// Browser tests of the web console: the built server (npm run build first) on its own database and queue prefix,
// driven by playwright-core in Debian's Chromium (/usr/bin/chromium, or CHROMIUM), axe-core on each page at
// 1280 px and 390 px; screenshots go to docs/screenshots/. Run by `npm run test:browser` (and .ci/run).
import AxeBuilder from '@axe-core/playwright';
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { chromium, type Browser, type Page } from 'playwright-core';

const ROOT = join(__dirname, '..');
const PORT = Number(process.env.BROWSER_TEST_PORT ?? 3917);
const BASE = `http://127.0.0.1:${PORT}`;
const DB = `claimdesk_browser_${randomBytes(3).toString('hex')}`;
const PG = process.env.PG_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const DATABASE_URL = PG.replace(/\/[^/]*$/, `/${DB}`);
const PASSWORD = 'browser test password';
const ARTICLE = readFileSync(join(ROOT, '../shared/articles/000_85f1aeb291a03b72.txt'), 'utf8');
const env = {
  ...process.env,
  DATABASE_URL,
  PORT: String(PORT),
  QUEUE_PREFIX: DB,
  LOG_LEVEL: 'warn',
  HOST: '127.0.0.1',
};

let failures = 0;
function check(ok: boolean, what: string): void {
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${what}`);
  if (!ok) failures++;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- response bodies are read field by field
type Json = any;

async function api(
  method: string,
  path: string,
  token: string,
  body?: unknown,
): Promise<{ status: number; body: Json }> {
  const res = await fetch(BASE + path, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  return { status: res.status, body: res.status === 204 ? null : ((await res.json()) as Json) };
}

/** A user who can sign in: created with the admin's token, password set through a one-time invite. */
async function person(admin: string, role: string, name: string) {
  const email = `${name.split(' ')[0].toLowerCase()}@example.org`;
  const u = await api('POST', '/v1/users', admin, { email, name, role, languages: ['en'], capacity: 20 });
  const inv = await api('POST', `/v1/users/${u.body.id}/invite`, admin);
  await fetch(`${BASE}/v1/auth/accept-invite`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ token: inv.body.token, password: PASSWORD }),
  });
  return { id: u.body.id as string, email, token: u.body.token as string };
}

async function audit(page: Page, name: string): Promise<void> {
  for (const width of [1280, 390]) {
    await page.setViewportSize({ width, height: width === 390 ? 844 : 900 });
    await page.waitForTimeout(150);
    const r = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
    const serious = r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    check(
      serious.length === 0,
      `${name} @${width}px: no serious axe violations${serious.length ? ` (${serious.map((v) => v.id).join(', ')})` : ''}`,
    );
    await page.screenshot({ path: join(ROOT, 'docs/screenshots', `${name}-${width}.png`), fullPage: true });
  }
  await page.setViewportSize({ width: 1280, height: 900 });
}

async function signIn(browser: Browser, email: string): Promise<Page> {
  const ctx = await browser.newContext({ baseURL: BASE, viewport: { width: 1280, height: 900 } });
  const page = await ctx.newPage();
  await page.goto('/');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByTestId('signed-in-as').waitFor();
  return page;
}

async function main(): Promise<void> {
  const pg = new Client({ connectionString: PG });
  await pg.connect();
  await pg.query(`CREATE DATABASE ${DB}`);
  let server: ChildProcess | null = null;
  let browser: Browser | null = null;
  try {
    execFileSync(process.execPath, ['dist/libs/database/src/migrate.js'], { cwd: ROOT, env, stdio: 'inherit' });
    const out = execFileSync(
      process.execPath,
      [
        'dist/apps/cli/src/main.js',
        'users:create',
        '--email',
        'admin@example.org',
        '--name',
        'Ada Admin',
        '--role',
        'admin',
        '--password-stdin',
      ],
      { cwd: ROOT, env, input: `${PASSWORD}\n` },
    ).toString();
    const admin = out.trim().split('\n').at(-1)!;
    server = spawn(process.execPath, ['dist/apps/server/src/main.js'], { cwd: ROOT, env, stdio: 'inherit' });
    for (let i = 0; i < 100; i++) {
      if ((await fetch(`${BASE}/health`).catch(() => null))?.ok) break;
      await new Promise((r) => setTimeout(r, 200));
    }
    const editor = await person(admin, 'editor', 'Edith Editor');
    const reviewer = await person(admin, 'reviewer', 'Rita Reviewer');
    const other = await person(admin, 'reviewer', 'Otto Other');
    // Otto is full: every claim of the article goes to Rita.
    await api('PATCH', `/v1/users/${other.id}`, admin, { capacity: 0 });

    browser = await chromium.launch({
      executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--disable-quic',
      ],
    });

    // Sign-in page.
    const anon = await (await browser.newContext({ baseURL: BASE })).newPage();
    await anon.goto('/');
    await anon.getByRole('heading', { name: 'Sign in to claimdesk' }).waitFor();
    await audit(anon, 'sign-in');

    // Editor ingests the seed article; its claims appear.
    const ed = await signIn(browser, editor.email);
    check(
      (await ed.getByTestId('signed-in-as').textContent())!.includes('Edith Editor'),
      'header shows the editor by name',
    );
    await ed.getByRole('link', { name: 'Ingest' }).click();
    await ed.getByLabel(/Or paste the article/).fill(ARTICLE);
    await ed.getByRole('button', { name: 'Ingest' }).click();
    await ed
      .getByTestId('ingested-claims')
      .getByText(/confidentiality orders/)
      .first()
      .waitFor({ timeout: 20000 });
    check(true, 'the ingested article shows its claims, the Burt claim among them');
    await audit(ed, 'ingest');
    await ed.getByRole('link', { name: 'Triage' }).click();
    await ed.getByRole('heading', { name: 'Triage' }).waitFor();
    await ed.waitForTimeout(500);
    await audit(ed, 'triage');
    await ed.getByRole('link', { name: 'Reviewers' }).click();
    await ed.getByText('Rita Reviewer').waitFor();
    await audit(ed, 'reviewers');

    // Reviewer, in a second browser context: the Burt claim in the queue, start, verdict.
    const rv = await signIn(browser, reviewer.email);
    check(
      (await rv.getByTestId('signed-in-as').textContent())!.includes('Rita Reviewer'),
      'header shows the reviewer by name',
    );
    const burt = rv.getByRole('link', { name: /confidentiality orders/ }).first();
    await burt.waitFor({ timeout: 20000 });
    await audit(rv, 'queue');
    await burt.click();
    await rv.getByTestId('claim-sentence').waitFor();
    check(
      /confidentiality orders/.test((await rv.getByTestId('claim-sentence').textContent()) ?? ''),
      'claim page highlights the sentence',
    );
    const claimId = rv.url().split('/').at(-1)!;

    // A stale version: the editor reassigns the claim while the reviewer's page is open -> 409 names the editor.
    // (unassigned, then the assigner gives it back to Rita, the only reviewer with room: two new versions)
    await api('POST', `/v1/claims/${claimId}/unassign`, editor.token, { reason: 'checking who is free' });
    for (let i = 0; i < 100; i++) {
      if ((await api('GET', `/v1/claims/${claimId}`, editor.token)).body.status === 'assigned') break;
      await new Promise((r) => setTimeout(r, 200));
    }
    await rv.getByRole('button', { name: 'Start review' }).click();
    await rv.getByTestId('conflict').waitFor();
    check(
      /changed by (Edith Editor|another user|system)/.test((await rv.getByTestId('conflict').textContent()) ?? ''),
      'a stale version says who changed the claim',
    );
    await rv.getByRole('button', { name: 'Reload the claim' }).click();
    await rv.getByRole('button', { name: 'Start review' }).click();
    await rv.getByRole('heading', { name: 'Your verdict' }).waitFor();
    await rv.getByRole('button', { name: 'Submit verdict' }).click();
    check(await rv.getByText('Choose a rating.').isVisible(), 'the verdict form validates like the API');
    await rv.getByLabel('Rating').selectOption('mostly_true');
    await rv.getByLabel('Summary').fill("Matches Microsoft's testimony to Congress.");
    await rv.getByLabel('URL 1').fill('https://judiciary.house.gov/');
    await rv.getByLabel('Title 1').fill('House Judiciary hearing');
    await audit(rv, 'claim-verdict-form');
    await rv.getByRole('button', { name: 'Submit verdict' }).click();
    await rv.getByText('mostly true').first().waitFor();

    // Another reviewer cannot see Rita's claim.
    const ot = await signIn(browser, other.email);
    await ot.goto(`/claims/${claimId}`);
    await ot.getByRole('alert').waitFor();
    check(
      /Not found|No access/.test((await ot.getByRole('alert').textContent()) ?? ''),
      "another reviewer gets a clear message, not Rita's claim",
    );
    await audit(ot, 'not-visible');

    // The editor approves; the published view shows it.
    await ed.getByRole('link', { name: 'Approvals' }).click();
    await ed.getByRole('button', { name: 'Approve' }).first().waitFor({ timeout: 10000 });
    await audit(ed, 'approvals');
    await ed.getByRole('button', { name: 'Approve' }).first().click();
    await ed.getByText('Nothing waits for approval.').waitFor({ timeout: 10000 });
    await ed.goto(`/published/${claimId}`);
    await ed.getByTestId('published-rating').waitFor();
    check(
      /mostly_true|Mostly true/i.test((await ed.getByTestId('published-rating').textContent()) ?? ''),
      'the published view shows the verdict',
    );
    const ld = await ed.locator('script[type="application/ld+json"]').textContent();
    check(JSON.parse(ld ?? '{}')['@type'] === 'ClaimReview', 'the published page carries ClaimReview JSON-LD');
    await audit(ed, 'published');
    await ed.goto(`/claims/${claimId}`);
    await ed.getByRole('heading', { name: 'Audit trail' }).waitFor();
    await audit(ed, 'claim-editor');

    const ad = await signIn(browser, 'admin@example.org');
    await ad.getByRole('link', { name: 'Users' }).click();
    await ad.getByText('Otto Other').waitFor();
    await audit(ad, 'users');
  } finally {
    await browser?.close();
    server?.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 1000));
    await pg.query(`DROP DATABASE IF EXISTS ${DB} WITH (FORCE)`).catch(() => undefined);
    await pg.end();
  }
  console.log(failures ? `${failures} check(s) failed` : 'all browser checks passed');
  process.exit(failures ? 1 : 0);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
