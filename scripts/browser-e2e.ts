// Browser tests of the web console: the built server (npm run build first) on its own database and queue prefix,
// driven by playwright-core in Debian's Chromium (/usr/bin/chromium, or CHROMIUM), axe-core on each page at
// 1280 px and 390 px; screenshots go to docs/screenshots/. Run by `npm run test:browser` (and .ci/run). Prints the
// first-load bundle size and the 200-claim triage board's render figures.
import AxeBuilder from '@axe-core/playwright';
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';
import { Client } from 'pg';
import { chromium, type Browser, type Page } from 'playwright-core';
import { QUEUES } from '@claimdesk/queue';

const ROOT = join(__dirname, '..');
const PORT = Number(process.env.BROWSER_TEST_PORT ?? 3917);
const BASE = `http://127.0.0.1:${PORT}`;
const DB = `claimdesk_browser_${randomBytes(3).toString('hex')}`;
const PG = process.env.PG_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const DATABASE_URL = PG.replace(/\/[^/]*$/, `/${DB}`);
const PASSWORD = 'browser test password';
const ARTICLE_PATH = join(ROOT, '../shared/articles/000_85f1aeb291a03b72.txt');
const SHOTS = join(ROOT, 'docs/screenshots');
/** Generous waits on visible state: a loaded 2-core machine runs extraction, the api and Chromium at once. */
const WAIT_MS = 60_000;
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
async function person(admin: string, role: string, name: string, capacity = 20) {
  const email = `${name.split(' ')[0].toLowerCase()}@example.org`;
  const u = await api('POST', '/v1/users', admin, { email, name, role, languages: ['en'], capacity });
  const inv = await api('POST', `/v1/users/${u.body.id}/invite`, admin);
  await fetch(`${BASE}/v1/auth/accept-invite`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ token: inv.body.token, password: PASSWORD }),
  });
  return { id: u.body.id as string, email, token: u.body.token as string };
}

/** Two animation frames: the page has laid out after a viewport change (no fixed sleep). */
async function settled(page: Page): Promise<void> {
  await page.evaluate('new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)))');
}

/** axe-core (WCAG 2.1 A and AA) at 1280 px and 390 px, a screenshot at each (the full page unless told). */
async function audit(page: Page, name: string, fullPage = true): Promise<void> {
  for (const width of [1280, 390]) {
    await page.setViewportSize({ width, height: width === 390 ? 844 : 900 });
    await settled(page);
    const r = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
    const serious = r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    check(
      serious.length === 0,
      `${name} @${width}px: no serious axe violations${serious.length ? ` (${serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`).join('; ')})` : ''}`,
    );
    if (width === 390) {
      const overflow = await page.evaluate<number>('document.documentElement.scrollWidth - innerWidth');
      check(overflow <= 1, `${name} @390px: no sideways scrolling of the page (${overflow} px)`);
    }
    await page.screenshot({ path: join(SHOTS, `${name}-${width}.png`), fullPage });
  }
  await page.setViewportSize({ width: 1280, height: 900 });
}

async function signIn(browser: Browser, email: string): Promise<Page> {
  const ctx = await browser.newContext({ baseURL: BASE, viewport: { width: 1280, height: 900 } });
  ctx.setDefaultTimeout(WAIT_MS);
  const page = await ctx.newPage();
  await page.goto('/');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByTestId('signed-in-as').waitFor();
  return page;
}

async function until<T>(what: string, f: () => Promise<T | null | undefined | false>): Promise<T> {
  const end = Date.now() + WAIT_MS;
  for (;;) {
    const v = await f();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** The first page load's JavaScript, gzipped: every script index.html loads (module preloads included). */
function firstLoadJsGzip(): number {
  const html = readFileSync(join(ROOT, 'dist/web/index.html'), 'utf8');
  const files = [...html.matchAll(/(?:src|href)="\/(assets\/[^"]+\.js)"/g)].map((m) => m[1]);
  return files.reduce((n, f) => n + gzipSync(readFileSync(join(ROOT, 'dist/web', f))).length, 0);
}

/** `n` new claims on one article, straight into this test's database (the triage board's load). */
async function seedNewClaims(n: number): Promise<void> {
  const db = new Client({ connectionString: DATABASE_URL });
  await db.connect();
  try {
    const sentences = Array.from(
      { length: n },
      (_, i) => `Seeded claim ${i + 1}: the council spent ${1000 + i} euros on item ${i + 1} last year.`,
    );
    const body = sentences.join(' ');
    const [article] = (
      await db.query<{ id: string }>(
        `INSERT INTO articles (title, body, body_hash, language, status)
         VALUES ('Council spending, line by line', $1, md5($1), 'en', 'extracted') RETURNING id`,
        [body],
      )
    ).rows;
    let at = 0;
    const spans = sentences.map((t) => {
      const span = [at, at + t.length];
      at += t.length + 1;
      return span;
    });
    await db.query(
      `INSERT INTO claims (article_id, text, sentence, span_start, span_end, type, score, priority, status)
       SELECT $1, t, t, s, e, 'quantity', 0.3 + (i % 50) / 200.0, 0.3 + (i % 50) / 200.0, 'new'
       FROM unnest($2::text[], $3::int[], $4::int[]) WITH ORDINALITY AS x(t, s, e, i)`,
      [article.id, sentences, spans.map((x) => x[0]), spans.map((x) => x[1])],
    );
  } finally {
    await db.end();
  }
}

/**
 * Runs in the page before its scripts: long tasks (PerformanceObserver) and the moment the board first shows 200
 * rows (MutationObserver), in ms since navigation start. A string: the script's tsconfig has no DOM types.
 */
const MEASURE_BOARD = `
  window.__perf = { longTasks: [], rowsAt: null };
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) window.__perf.longTasks.push(e.duration);
  }).observe({ type: 'longtask', buffered: true });
  const mo = new MutationObserver(() => {
    if (window.__perf.rowsAt === null && document.querySelectorAll('tbody tr').length >= 200) {
      window.__perf.rowsAt = performance.now();
      mo.disconnect();
    }
  });
  document.addEventListener('DOMContentLoaded', () => mo.observe(document.body, { childList: true, subtree: true }));
`;

async function main(): Promise<void> {
  mkdirSync(SHOTS, { recursive: true });
  const pg = new Client({ connectionString: PG });
  await pg.connect();
  await pg.query(`CREATE DATABASE ${DB}`);
  let server: ChildProcess | null = null;
  let browser: Browser | null = null;
  const started = Date.now();
  try {
    const jsGz = firstLoadJsGzip();
    console.log(`figure: first-load JavaScript ${(jsGz / 1024).toFixed(1)} KB gzipped`);
    check(jsGz < 300 * 1024, 'first load: under 300 KB of JavaScript gzipped');

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
    await until('the server', async () => (await fetch(`${BASE}/health`).catch(() => null))?.ok);
    const editor = await person(admin, 'editor', 'Edith Editor');
    const reviewer = await person(admin, 'reviewer', 'Rita Reviewer', 50);
    // Otto is full: every claim of the article goes to Rita.
    const other = await person(admin, 'reviewer', 'Otto Other', 0);

    browser = await chromium.launch({
      executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-dev-shm-usage',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--disable-quic',
      ],
    });

    // Sign-in page.
    const anonCtx = await browser.newContext({ baseURL: BASE });
    anonCtx.setDefaultTimeout(WAIT_MS);
    const anon = await anonCtx.newPage();
    await anon.goto('/');
    await anon.getByRole('heading', { name: 'Sign in to claimdesk' }).waitFor();
    await audit(anon, 'sign-in');

    // Editor uploads the seed article (.txt); its claims appear while the page watches.
    const ed = await signIn(browser, editor.email);
    check(
      (await ed.getByTestId('signed-in-as').textContent())!.includes('Edith Editor'),
      'header shows the editor by name',
    );
    await ed.getByRole('link', { name: 'Ingest' }).click();
    await ed.getByLabel('Upload a .txt file').setInputFiles(ARTICLE_PATH);
    await until('the uploaded text in the form', async () =>
      (await ed.getByLabel(/Or paste the article/).inputValue()).includes('confidentiality orders'),
    );
    await ed.getByRole('button', { name: 'Ingest' }).click();
    await ed
      .getByTestId('ingested-claims')
      .getByText(/confidentiality orders/)
      .first()
      .waitFor();
    check(true, 'the ingested article shows its claims as they appear, the Burt claim among them');
    await audit(ed, 'ingest');
    await ed.getByRole('link', { name: 'Reviewers' }).click();
    await ed.getByText('Rita Reviewer').waitFor();
    await audit(ed, 'reviewers');

    // Triage: the board picks up 200 new claims without a reload (polling), then a fresh load is timed.
    await ed.getByRole('link', { name: 'Triage' }).click();
    await ed.getByRole('heading', { name: 'Triage' }).waitFor();
    await seedNewClaims(200);
    await ed.getByText('Seeded claim 200:').waitFor();
    check(true, 'the triage board shows claims added after it opened, without a reload');
    await ed.addInitScript({ content: MEASURE_BOARD });
    await ed.goto('/triage');
    await ed.getByText('Seeded claim 200:').waitFor();
    const perf = await ed.evaluate<{ longTasks: number[]; rowsAt: number | null }>('window.__perf');
    const rows = await ed.locator('tbody tr').count();
    const longest = Math.max(0, ...perf.longTasks);
    const blocked = perf.longTasks.reduce((a, b) => a + Math.max(0, b - 50), 0);
    console.log(
      `figure: triage board, ${rows} claims: rows rendered ${perf.rowsAt?.toFixed(0)} ms after navigation; ` +
        `${perf.longTasks.length} long tasks, longest ${longest.toFixed(0)} ms, total blocking ${blocked.toFixed(0)} ms`,
    );
    check(rows >= 200, `the triage board lists all ${rows} new claims`);
    check(perf.rowsAt !== null && perf.rowsAt < 15000, 'the 200-claim board renders within 15 s of navigation');
    check(longest < 2000, 'no long task over 2 s while it renders');
    // Keyboard: move with j, select with x, dismiss the selection with d (the reason typed first).
    await ed.getByLabel('Reason (dismiss, assign)').fill('not a checkable claim');
    await ed.locator('tbody tr').first().focus();
    await ed.keyboard.press('j');
    await ed.keyboard.press('x');
    await ed.getByText('1 selected').waitFor();
    await ed.keyboard.press('d');
    await ed.getByText('dismiss: 1 done.').waitFor();
    check(true, 'triage by keyboard: j moves, x selects, d dismisses with the reason');
    await audit(ed, 'triage', false); // the first screenful: the whole board is 200 rows long

    // Reviewer, in a second browser context: the Burt claim in the queue.
    const rv = await signIn(browser, reviewer.email);
    check(
      (await rv.getByTestId('signed-in-as').textContent())!.includes('Rita Reviewer'),
      'header shows the reviewer by name',
    );
    const burt = rv.getByRole('link', { name: /confidentiality orders/ }).first();
    await burt.waitFor();
    await audit(rv, 'queue');
    // Take next (POST /v1/claims/next): her most urgent claim, the Burt claim (the article's highest priority).
    await rv.getByRole('button', { name: 'Take next' }).click();
    await rv.getByTestId('claim-sentence').waitFor();
    check(
      /confidentiality orders/.test((await rv.getByTestId('claim-sentence').textContent()) ?? ''),
      'take next opens the Burt claim; the claim page highlights its sentence',
    );
    check(/Tom Burt|Burt/.test(await rv.locator('dl.facts').innerText()), 'claim page names the claimant');
    const claimId = rv.url().split('/').at(-1)!;

    // Another reviewer cannot see Rita's claim: a clear message.
    const ot = await signIn(browser, other.email);
    await ot.goto(`/claims/${claimId}`);
    await ot.getByRole('alert').waitFor();
    check(
      /Not found|No access/.test((await ot.getByRole('alert').textContent()) ?? ''),
      "another reviewer gets a clear message, not Rita's claim",
    );
    await audit(ot, 'not-visible');

    // A stale version: while Rita's page is open, the editor hands the claim to Otto and back to Rita (two new
    // versions, still Rita's): her Start answers 409, and the page says who changed it and offers a reload.
    await api('PATCH', `/v1/users/${other.id}`, admin, { capacity: 5 });
    for (const to of [other.id, reviewer.id]) {
      const { version } = (await api('GET', `/v1/claims/${claimId}`, editor.token)).body as { version: number };
      const r = await api('POST', `/v1/claims/${claimId}/assign`, editor.token, {
        reviewerId: to,
        version,
        reason: 'checking who is free',
      });
      check(r.status === 200, `the editor reassigns the claim (${r.status} ${r.body?.message ?? ''})`);
    }
    await rv.getByRole('button', { name: 'Start review' }).click();
    await rv.getByTestId('conflict').waitFor();
    check(
      /changed by Edith Editor/.test((await rv.getByTestId('conflict').textContent()) ?? ''),
      'a stale version says who changed the claim (Edith Editor)',
    );
    await audit(rv, 'conflict');
    await rv.getByRole('button', { name: 'Reload the claim' }).click();
    await rv.getByRole('button', { name: 'Start review' }).click();
    await rv.getByRole('heading', { name: 'Your verdict' }).waitFor();
    await rv.getByRole('button', { name: 'Submit verdict' }).click();
    check(await rv.getByText('Choose a rating.').isVisible(), 'the verdict form validates like the API (rating)');
    await rv.getByLabel('URL 1').fill('judiciary.house.gov');
    await rv.getByRole('button', { name: 'Submit verdict' }).click();
    check(await rv.getByText('Must be an http(s) URL.').isVisible(), 'the verdict form validates source URLs');
    await rv.getByLabel('Rating').selectOption('mostly_true');
    await rv.getByLabel('Summary').fill('Matches the testimony.');
    await rv.getByLabel('URL 1').fill('https://judiciary.house.gov/');
    await rv.getByLabel('Title 1').fill('House Judiciary hearing');
    await audit(rv, 'claim-verdict-form');
    await rv.getByRole('button', { name: 'Submit verdict' }).click();
    await rv.getByText('mostly true').first().waitFor();

    // The editor sends it back with a comment; Rita sees the comment, resubmits.
    await ed.getByRole('link', { name: 'Approvals' }).click();
    await ed.getByRole('button', { name: 'Approve' }).first().waitFor();
    await ed.getByLabel('Comment').fill('Name the hearing date in the summary.');
    await ed.getByRole('button', { name: 'Reject' }).click();
    await ed.getByText('Nothing waits for approval.').waitFor();
    await rv.reload();
    await rv.getByTestId('rejection-comment').waitFor();
    check(
      /hearing date/.test((await rv.getByTestId('rejection-comment').textContent()) ?? ''),
      "after a rejection the reviewer sees the editor's comment",
    );
    await audit(rv, 'claim-rejected');
    await rv.getByLabel('Rating').selectOption('mostly_true');
    await rv
      .getByLabel('Summary')
      .fill("Matches Microsoft's testimony to the House Judiciary Committee on 30 June 2020.");
    await rv.getByLabel('URL 1').fill('https://judiciary.house.gov/');
    await rv.getByRole('button', { name: 'Submit verdict' }).click();
    await rv.getByRole('button', { name: 'Submit verdict' }).waitFor({ state: 'detached' });

    // The editor approves; the published view shows it.
    await ed.getByRole('button', { name: 'Approve' }).first().waitFor();
    await audit(ed, 'approvals');
    await ed.getByRole('button', { name: 'Approve' }).first().click();
    await ed.getByText('Nothing waits for approval.').waitFor();
    await ed.goto(`/published/${claimId}`);
    await ed.getByTestId('published-rating').waitFor();
    check(
      /mostly true/i.test((await ed.getByTestId('published-rating').textContent()) ?? ''),
      'the published view shows the verdict',
    );
    const ld = JSON.parse((await ed.locator('script[type="application/ld+json"]').textContent()) ?? '{}');
    check(ld['@type'] === 'ClaimReview', 'the published page carries ClaimReview JSON-LD');
    await audit(ed, 'published');

    // A correction: the editor corrects the published verdict; another editor (the admin) approves it.
    await ed.getByRole('link', { name: 'Published' }).click();
    await ed
      .getByRole('link', { name: /^Correct:/ })
      .first()
      .click();
    await ed.getByRole('heading', { name: 'Correction' }).waitFor();
    await ed.getByLabel('Rating').selectOption('mixed');
    await audit(ed, 'correction-form');
    await ed.getByRole('button', { name: 'Submit the correction' }).click();
    await ed.getByRole('heading', { name: 'Audit trail' }).waitFor();
    await ed
      .getByText(/^mixed/)
      .first()
      .waitFor();
    await ed.getByRole('link', { name: 'Approvals' }).click();
    await ed.getByText('another editor approves it').waitFor();
    check(
      (await ed.getByRole('button', { name: 'Approve' }).count()) === 0,
      'an editor cannot approve their own correction',
    );
    const ad = await signIn(browser, 'admin@example.org');
    await ad.getByRole('link', { name: 'Approvals' }).click();
    await ad.getByRole('button', { name: 'Approve' }).first().click();
    await ad.getByText('Nothing waits for approval.').waitFor();
    await ed.goto(`/published/${claimId}`);
    await ed.getByTestId('published-rating').waitFor();
    check(
      /mixed/i.test((await ed.getByTestId('published-rating').textContent()) ?? ''),
      'the published view shows the approved correction',
    );
    await ed.goto('/published');
    await ed
      .getByRole('link', { name: /^Correct:/ })
      .first()
      .waitFor();
    await audit(ed, 'published-list');
    await ed.goto(`/claims/${claimId}`);
    await ed.getByRole('heading', { name: 'Audit trail' }).waitFor();
    await audit(ed, 'claim-editor');

    // Admin: the users page, a new person with a one-time invite link.
    await ad.getByRole('link', { name: 'Users' }).click();
    await ad.getByText('Otto Other').waitFor();
    await ad.getByLabel('Email').fill('nina@example.org');
    await ad.getByLabel('Name').fill('Nina New');
    await ad.getByRole('button', { name: 'Create and invite' }).click();
    await ad
      .getByTestId('shown-once')
      .getByText(/accept-invite#token=/)
      .waitFor();
    check(true, 'the admin creates a person and gets a one-time invite link');
    await audit(ad, 'users');

    // The queue dashboard (bull-board) under helmet's CSP, signed in by the admin's session cookie: it renders and
    // lists the queues, and the console shows no CSP violation. Its stylesheet link to Google Fonts is cut here
    // (the test talks to 127.0.0.1 only); the board falls back to local fonts.
    const console_: string[] = [];
    ad.on('console', (m) => console_.push(m.text()));
    ad.on('pageerror', (e) => console_.push(e.message));
    await ad.route(
      (url) => url.hostname !== '127.0.0.1',
      (route) => route.abort(),
    );
    await ad.goto('/admin/queues');
    // The overview has loaded when every queue's card shows its job count (the sidebar comes first).
    const cards = ad.getByText(/^\d+ Jobs?$/);
    await until('the queue cards', async () => (await cards.count()) >= Object.keys(QUEUES).length);
    const csp = console_.filter((t) => /Content Security Policy|Refused to/i.test(t));
    check(
      csp.length === 0,
      `queue dashboard: no CSP violation in the console${csp.length ? ` (${csp.join('; ')})` : ''}`,
    );
    const board = await ad.locator('body').innerText();
    const missing = Object.values(QUEUES).filter((q) => !board.includes(q));
    check(
      missing.length === 0,
      `queue dashboard lists every queue${missing.length ? ` (missing ${missing.join(', ')})` : ''}`,
    );
    await ad.screenshot({ path: join(SHOTS, 'queue-board-1280.png') });
    console.log(`browser test took ${((Date.now() - started) / 1000).toFixed(0)} s`);
  } finally {
    await browser?.close();
    server?.kill('SIGTERM');
    await new Promise((r) => server?.once('exit', r) ?? r(null));
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
