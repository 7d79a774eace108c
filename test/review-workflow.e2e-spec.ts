import { eventually, TestEnv } from './support/test-env';
import { seedClaims } from './support/seed';

describe('review workflow: triage, transitions, approval', () => {
  let env: TestEnv;
  let admin: string;
  let editor: { id: string; name: string; token: string };
  let editor2: { id: string; token: string };
  let reviewer: { id: string; token: string };
  let other: { id: string; token: string };

  beforeAll(async () => {
    env = await TestEnv.start({ worker: true });
    admin = (await env.user('admin')).token;
    editor = await env.user('editor');
    editor2 = await env.user('editor');
    reviewer = await env.user('reviewer', { capacity: 5 });
    other = await env.user('reviewer', { capacity: 5 });
  });
  afterAll(() => env.close());

  const get = async (id: string) => (await env.request('GET', `/v1/claims/${id}`, { token: admin })).body;
  const eventsOf = async (id: string) =>
    (await env.request('GET', `/v1/claims/${id}/events`, { token: admin })).body.items;

  /** A claim assigned to `reviewer`, started, with a submitted verdict; returns claim and verdict ids. */
  async function submitted(rating = 'false') {
    const { claims } = await seedClaims(env, [0.1]);
    const id = claims[0].id;
    expect(
      (await env.request('POST', `/v1/claims/${id}/assign`, { token: editor.token, body: { reviewerId: reviewer.id } }))
        .status,
    ).toBe(409); // still `new`
    await env.request('POST', `/v1/claims/${id}/queue`, { token: editor.token });
    await eventually(async () => (await get(id)).status === 'assigned');
    const c = await get(id);
    if (c.assigneeId !== reviewer.id) {
      expect(
        (
          await env.request('POST', `/v1/claims/${id}/assign`, {
            token: editor.token,
            body: { reviewerId: reviewer.id, reason: 'expert' },
          })
        ).status,
      ).toBe(200);
    }
    expect((await env.request('POST', `/v1/claims/${id}/start`, { token: reviewer.token })).status).toBe(200);
    const v = await env.request('POST', `/v1/claims/${id}/verdicts`, {
      token: reviewer.token,
      body: { rating, summary: 'Checked against the record.', sources: [{ url: 'https://example.org/record' }] },
    });
    expect(v.status).toBe(201);
    return { id, verdictId: v.body.id as string };
  }

  describe('triage', () => {
    it('queues claims at or above AUTO_QUEUE_SCORE and leaves the rest new', async () => {
      const { claims } = await seedClaims(env, [0.9, 0.2]);
      expect(claims.map((c) => c.status)).toEqual(['queued', 'new']);
    });

    it('dismisses with a reason, recorded in the audit trail, and refuses a dismissal without one', async () => {
      const { claims } = await seedClaims(env, [0.1]);
      const id = claims[0].id;
      expect((await env.request('POST', `/v1/claims/${id}/dismiss`, { token: editor.token, body: {} })).status).toBe(
        400,
      );
      const res = await env.request('POST', `/v1/claims/${id}/dismiss`, {
        token: editor.token,
        body: { reason: 'opinion' },
      });
      expect(res.status).toBe(200);
      expect(res.body.status).toBe('dismissed');
      expect((await eventsOf(id)).at(-1)).toMatchObject({
        type: 'dismiss',
        toStatus: 'dismissed',
        actorId: editor.id,
        actorName: editor.name,
        data: { reason: 'opinion' },
      });
    });

    it('bulk-queues and bulk-dismisses, reporting each claim on its own', async () => {
      const { claims } = await seedClaims(env, [0.1, 0.1, 0.1]);
      const [a, b, c] = claims.map((x) => x.id);
      await env.request('POST', `/v1/claims/${c}/dismiss`, { token: editor.token, body: { reason: 'x' } });
      const dismissed = await env.request('POST', '/v1/claims/bulk/dismiss', {
        token: editor.token,
        body: { ids: [a, c], reason: 'noise' },
      });
      expect(dismissed.status).toBe(200);
      expect(dismissed.body.items).toEqual([
        { id: a, ok: true, status: 'dismissed' },
        { id: c, ok: false, error: expect.stringContaining('status dismissed') },
      ]);
      const queued = await env.request('POST', '/v1/claims/bulk/queue', { token: editor.token, body: { ids: [b] } });
      expect(queued.body.items[0]).toMatchObject({ id: b, ok: true });
    });

    it('refuses a stale version with 409 and changes nothing', async () => {
      const { claims } = await seedClaims(env, [0.1]);
      const id = claims[0].id;
      const res = await env.request('POST', `/v1/claims/${id}/queue`, { token: editor.token, body: { version: 7 } });
      expect(res.status).toBe(409);
      expect(res.body.message).toMatch(/stale version/);
      expect((await get(id)).status).toBe('new');
      expect(await eventsOf(id)).toHaveLength(1);
    });
  });

  describe('illegal transitions get 409 with the reason', () => {
    it('refuses to start twice, to submit before starting, and to queue an assigned claim', async () => {
      const { claims } = await seedClaims(env, [0.1]);
      const id = claims[0].id;
      await env.request('POST', `/v1/claims/${id}/queue`, { token: editor.token });
      await eventually(async () => (await get(id)).status === 'assigned');
      const holder = (await get(id)).assigneeId === reviewer.id ? reviewer : other;
      const verdict = { rating: 'true', summary: 's', sources: [] };
      const early = await env.request('POST', `/v1/claims/${id}/verdicts`, { token: holder.token, body: verdict });
      expect(early.status).toBe(409);
      expect(early.body.message).toMatch(/cannot submit a claim in status assigned/);
      expect((await env.request('POST', `/v1/claims/${id}/queue`, { token: editor.token })).status).toBe(409);
      expect((await env.request('POST', `/v1/claims/${id}/start`, { token: holder.token })).status).toBe(200);
      expect((await env.request('POST', `/v1/claims/${id}/start`, { token: holder.token })).status).toBe(409);
      expect(
        (await env.request('POST', `/v1/claims/${id}/dismiss`, { token: editor.token, body: { reason: 'x' } })).status,
      ).toBe(409);
    });

    it('answers 404 to a reviewer acting on a claim they never held', async () => {
      const { id } = await submitted();
      const stranger = await env.user('reviewer');
      expect((await env.request('POST', `/v1/claims/${id}/start`, { token: stranger.token })).status).toBe(404);
    });
  });

  describe('two-person approval', () => {
    it('rejects back to the same reviewer with the comment, then publishes the resubmission', async () => {
      const { id, verdictId } = await submitted('false');
      const rej = await env.request('POST', `/v1/verdicts/${verdictId}/reject`, {
        token: editor.token,
        body: { comment: 'Cite the primary source.' },
      });
      expect(rej.status).toBe(200);
      expect(rej.body).toMatchObject({ status: 'rejected', reviewComment: 'Cite the primary source.' });
      const back = await get(id);
      expect(back).toMatchObject({ status: 'in_review', assigneeId: reviewer.id });
      expect((await eventsOf(id)).at(-1)).toMatchObject({
        type: 'reject',
        toStatus: 'in_review',
        data: { comment: 'Cite the primary source.' },
      });
      expect((await env.request('POST', `/v1/verdicts/${verdictId}/approve`, { token: editor.token })).status).toBe(
        409,
      );

      const v2 = await env.request('POST', `/v1/claims/${id}/verdicts`, {
        token: reviewer.token,
        body: {
          rating: 'mostly_false',
          summary: 'Primary source cited.',
          sources: [{ url: 'https://example.org/primary' }],
        },
      });
      expect(v2.body.version).toBe(2);
      expect((await env.request('POST', `/v1/verdicts/${v2.body.id}/approve`, { token: editor.token })).status).toBe(
        200,
      );
      expect((await get(id)).status).toBe('published');
    });

    it('never lets an author approve their own verdict, and locks a published one', async () => {
      const { id, verdictId } = await submitted('true');
      // A reviewer cannot approve at all (role), an editor who wrote a correction cannot approve it (object rule).
      expect((await env.request('POST', `/v1/verdicts/${verdictId}/approve`, { token: reviewer.token })).status).toBe(
        403,
      );
      expect((await env.request('POST', `/v1/verdicts/${verdictId}/approve`, { token: editor.token })).status).toBe(
        200,
      );
      expect((await env.request('POST', `/v1/verdicts/${verdictId}/approve`, { token: editor2.token })).status).toBe(
        409,
      );
      expect(
        (
          await env.request('POST', `/v1/verdicts/${verdictId}/reject`, {
            token: editor2.token,
            body: { comment: 'late' },
          })
        ).status,
      ).toBe(409);
      const late = await env.request('POST', `/v1/claims/${id}/verdicts`, {
        token: reviewer.token,
        body: { rating: 'false', summary: 'x', sources: [] },
      });
      expect(late.status).toBe(409);
      expect(late.body.message).toMatch(/status published/);
    });

    it('publishes a correction as a new version that supersedes the old one; both stay readable', async () => {
      const { id, verdictId } = await submitted('true');
      await env.request('POST', `/v1/verdicts/${verdictId}/approve`, { token: editor.token });
      const fix = await env.request('POST', `/v1/claims/${id}/corrections`, {
        token: editor.token,
        body: {
          rating: 'mixed',
          summary: 'New figures published since.',
          sources: [{ url: 'https://example.org/new' }],
        },
      });
      expect(fix.status).toBe(201);
      expect(fix.body).toMatchObject({ version: 2, status: 'submitted', authorId: editor.id });
      // While the correction waits, the published ClaimReview still shows the approved verdict.
      expect(
        (await env.request('GET', `/v1/claims/${id}/claimreview`, { token: admin })).body.reviewRating.alternateName,
      ).toBe('True');
      expect((await env.request('POST', `/v1/verdicts/${fix.body.id}/approve`, { token: editor.token })).status).toBe(
        403,
      );
      expect((await env.request('POST', `/v1/verdicts/${fix.body.id}/approve`, { token: editor2.token })).status).toBe(
        200,
      );

      const all = (await env.request('GET', `/v1/claims/${id}/verdicts`, { token: admin })).body.items;
      expect(all.map((v: { version: number; status: string }) => [v.version, v.status])).toEqual([
        [1, 'superseded'],
        [2, 'approved'],
      ]);
      expect(
        (await env.request('GET', `/v1/claims/${id}/claimreview`, { token: admin })).body.reviewRating.alternateName,
      ).toBe('Mixed');
      expect((await get(id)).status).toBe('published');
    });
  });

  describe('rejections that cannot go back to the author', () => {
    it('keeps the published verdict when a correction is rejected', async () => {
      const { id, verdictId } = await submitted('true');
      await env.request('POST', `/v1/verdicts/${verdictId}/approve`, { token: editor.token });
      const fix = await env.request('POST', `/v1/claims/${id}/corrections`, {
        token: editor.token,
        body: { rating: 'false', summary: 'Wrong fix.', sources: [] },
      });
      const rej = await env.request('POST', `/v1/verdicts/${fix.body.id}/reject`, {
        token: editor2.token,
        body: { comment: 'No.' },
      });
      expect(rej.status).toBe(200);
      expect(await get(id)).toMatchObject({ status: 'published' });
      expect(
        (await env.request('GET', `/v1/claims/${id}/claimreview`, { token: admin })).body.reviewRating.alternateName,
      ).toBe('True');
      expect((await eventsOf(id)).at(-1)).toMatchObject({
        type: 'reject_correction',
        fromStatus: 'submitted',
        toStatus: 'published',
      });
    });

    it('puts the claim back in the queue when its author was deactivated', async () => {
      const author = await env.user('reviewer', { capacity: 5 });
      const { claims } = await seedClaims(env, [0.1]);
      const id = claims[0].id;
      await env.request('POST', `/v1/claims/${id}/queue`, { token: editor.token });
      const auto = await eventually(async () => {
        const c = await get(id);
        return c.status === 'assigned' && c;
      });
      if (auto.assigneeId !== author.id) {
        expect(
          (
            await env.request('POST', `/v1/claims/${id}/assign`, {
              token: editor.token,
              body: { reviewerId: author.id },
            })
          ).status,
        ).toBe(200);
      }
      expect((await env.request('POST', `/v1/claims/${id}/start`, { token: author.token })).status).toBe(200);
      const v = await env.request('POST', `/v1/claims/${id}/verdicts`, {
        token: author.token,
        body: { rating: 'true', summary: 's', sources: [] },
      });
      await env.request('PATCH', `/v1/users/${author.id}`, { token: admin, body: { active: false } });
      expect(
        (
          await env.request('POST', `/v1/verdicts/${v.body.id}/reject`, {
            token: editor.token,
            body: { comment: 'redo' },
          })
        ).status,
      ).toBe(200);
      const events = await eventsOf(id);
      expect(events.find((e: { type: string }) => e.type === 'reject_to_queue')).toMatchObject({
        fromStatus: 'submitted',
        toStatus: 'queued',
      });
      const [{ load }] = await env.sql('SELECT load FROM users WHERE id = $1', [author.id]);
      expect(load).toBe(0);
    });
  });

  describe('lists', () => {
    it('pages through the claims of one article with keyset cursors, each claim once', async () => {
      const { articleId, claims } = await seedClaims(env, [0.1, 0.1, 0.1, 0.1, 0.1]);
      const seen: string[] = [];
      let cursor: string | null = null;
      for (let page = 0; page < 10; page++) {
        const q: string = `/v1/claims?articleId=${articleId}&limit=2${cursor ? `&cursor=${cursor}` : ''}`;
        const res = await env.request('GET', q, { token: editor.token });
        expect(res.body.items.length).toBeLessThanOrEqual(2);
        seen.push(...res.body.items.map((c: { id: string }) => c.id));
        cursor = res.body.nextCursor;
        if (!cursor) break;
      }
      expect(cursor).toBeNull();
      expect(seen.sort()).toEqual(claims.map((c) => c.id).sort());
    });
  });

  describe('manual assignment', () => {
    it('reassigns with a reason, keeps the history, and unassigns back to the queue', async () => {
      const { claims } = await seedClaims(env, [0.1]);
      const id = claims[0].id;
      const extra = await env.user('reviewer', { capacity: 1 });
      const third = await env.user('reviewer', { capacity: 1 });
      await env.request('POST', `/v1/claims/${id}/queue`, { token: editor.token });
      const auto = await eventually(async () => {
        const c = await get(id);
        return c.status === 'assigned' && c;
      });
      // Reassign to a reviewer with room who does not hold it yet.
      const target = auto.assigneeId === extra.id ? third : extra;
      const r1 = await env.request('POST', `/v1/claims/${id}/assign`, {
        token: editor.token,
        body: { reviewerId: target.id, reason: 'speaks the language' },
      });
      expect(r1.status).toBe(200);
      expect(r1.body.assigneeId).toBe(target.id);
      // target is now full: another claim to target is refused.
      const { claims: more } = await seedClaims(env, [0.1]);
      await env.request('POST', `/v1/claims/${more[0].id}/queue`, { token: editor.token });
      await eventually(async () => (await get(more[0].id)).status === 'assigned');
      const full = await env.request('POST', `/v1/claims/${more[0].id}/assign`, {
        token: editor.token,
        body: { reviewerId: target.id },
      });
      expect(full.status).toBe(409);
      expect(full.body.message).toMatch(/at capacity/);

      const un = await env.request('POST', `/v1/claims/${id}/unassign`, {
        token: editor.token,
        body: { reason: 'wrong desk' },
      });
      expect(un.status).toBe(200);
      const history = (await env.request('GET', `/v1/claims/${id}/assignments`, { token: editor.token })).body.items;
      expect(history.length).toBeGreaterThanOrEqual(2);
      expect(history.at(-1)).toMatchObject({
        reviewerId: target.id,
        reason: 'speaks the language',
        endReason: 'unassigned',
      });
      expect(history.at(-2)).toMatchObject({ endReason: 'reassigned' });
      // Back in the queue, it goes to someone else than the reviewer it was taken from.
      const again = await eventually(async () => {
        const c = await get(id);
        return c.status === 'assigned' && c;
      });
      expect(again.assigneeId).not.toBe(target.id);
    });

    it('refuses an inactive reviewer and a non-reviewer', async () => {
      const { claims } = await seedClaims(env, [0.1]);
      const id = claims[0].id;
      await env.request('POST', `/v1/claims/${id}/queue`, { token: editor.token });
      const idle = await env.user('reviewer');
      await env.request('PATCH', `/v1/users/${idle.id}`, { token: admin, body: { active: false } });
      expect(
        (await env.request('POST', `/v1/claims/${id}/assign`, { token: editor.token, body: { reviewerId: idle.id } }))
          .status,
      ).toBe(409);
      expect(
        (await env.request('POST', `/v1/claims/${id}/assign`, { token: editor.token, body: { reviewerId: editor.id } }))
          .status,
      ).toBe(409);
    });
  });

  describe('eligibility', () => {
    it('gives a claim only to reviewers who speak its language and cover its topic', async () => {
      // Leave room only with the two reviewers below.
      const everyone = await env.sql(`SELECT id, capacity FROM users WHERE role = 'reviewer'`);
      for (const r of everyone)
        await env.request('PATCH', `/v1/users/${r.id}`, { token: admin, body: { capacity: 0 } });
      const french = await env.user('reviewer', { languages: ['fr'] });
      const health = await env.user('reviewer', { topics: ['Health'], languages: ['en'] });
      const fr = (await seedClaims(env, [0.9], 'fr', 'economy')).claims[0].id;
      const en = (await seedClaims(env, [0.9], 'en', 'health')).claims[0].id;
      const nobody = (await seedClaims(env, [0.9], 'en', 'sport')).claims[0].id;
      await eventually(async () => (await get(fr)).status === 'assigned' && (await get(en)).status === 'assigned');
      expect((await get(fr)).assigneeId).toBe(french.id);
      expect((await get(en)).assigneeId).toBe(health.id);
      expect((await get(nobody)).status).toBe('queued');
      for (const r of everyone)
        await env.request('PATCH', `/v1/users/${r.id}`, { token: admin, body: { capacity: r.capacity } });
    });
  });

  describe('reviewer views', () => {
    it('answers next with 204 when the reviewer has nothing and nothing is queued for them', async () => {
      const fresh = await env.user('reviewer', { languages: ['sw'] });
      expect((await env.request('POST', '/v1/claims/next', { token: fresh.token })).status).toBe(204);
    });

    it("lists the caller's open assignments with due times", async () => {
      const res = await env.request('GET', '/v1/me/assignments', { token: reviewer.token });
      expect(res.status).toBe(200);
      for (const a of res.body.items) {
        expect(a.claim.assigneeId).toBe(reviewer.id);
        expect(Date.parse(a.dueAt)).toBeGreaterThan(Date.now() - 60_000);
      }
    });
  });
});
