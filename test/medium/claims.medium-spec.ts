import { randomUUID } from 'node:crypto';
import { ClaimsService } from '@claimdesk/claims';
import { Actor, ConflictError, ForbiddenError, NotFoundError, SYSTEM_ACTOR } from '@claimdesk/common';
import { ServiceEnv } from '../support/service-env';

describe('ClaimsService (medium)', () => {
  let env: ServiceEnv;
  let claims: ClaimsService;
  let editor: Actor;

  beforeAll(async () => {
    env = await ServiceEnv.start();
    claims = env.get(ClaimsService);
    const e = await env.user('editor');
    editor = { id: e.id, role: 'editor' };
  });
  afterAll(() => env.close());

  it('stores extracted claims once: auto-queued above AUTO_QUEUE_SCORE with both events and an assignment job', async () => {
    const {
      claims: [high, low],
    } = await env.claims([0.9, 0.1]);
    expect([high.status, low.status]).toEqual(['queued', 'new']);
    expect((await claims.events(high.id)).map((e) => e.type)).toEqual(['extracted', 'queued']);
    expect((await claims.events(low.id)).map((e) => e.type)).toEqual(['extracted']);
    expect(await env.jobIds('assign-claim')).toContain(`assign-${high.id}-v${high.version}`);
    expect(await env.jobIds('assign-claim')).not.toContain(`assign-${low.id}-v${low.version}`);

    // The extraction job ran twice: the same sentences of the same article insert nothing.
    const article = { id: high.articleId, language: 'en', topic: null, publishedAt: null };
    const again = [high, low].map((c) => ({
      sentence: c.sentence,
      span: { start: c.spanStart!, end: c.spanEnd! },
      section: 'body' as const,
      text: c.text,
      score: c.score,
      type: c.type,
      quantities: [],
      claimant: null,
    }));
    const second = await env.db.transaction((em) => claims.insertExtracted(em, article, again));
    expect(second.inserted).toEqual([]);
    expect(await env.sql('SELECT id FROM claims WHERE article_id = $1', [high.articleId])).toHaveLength(2);
  });

  it('moves a claim only along the transition table, bumping the version and writing one event per move', async () => {
    const {
      claims: [c],
    } = await env.claims([0.1]);
    const queued = await claims.queue(c.id, editor, 1);
    expect(queued).toMatchObject({ status: 'queued', version: 2 });
    await expect(claims.queue(c.id, editor)).rejects.toThrow(ConflictError); // queued -> queued is not a move
    await claims.dismiss(c.id, editor, 'not a claim');
    const requeued = await claims.queue(c.id, editor); // dismissed claims can be queued again
    expect(requeued).toMatchObject({ status: 'queued', version: 4 });
    const events = await claims.events(c.id);
    expect(events.map((e) => [e.type, e.fromStatus, e.toStatus, e.actorId])).toEqual([
      ['extracted', null, 'new', null],
      ['queue', 'new', 'queued', editor.id],
      ['dismiss', 'queued', 'dismissed', editor.id],
      ['queue', 'dismissed', 'queued', editor.id],
    ]);
    expect(events[2].data).toEqual({ reason: 'not a claim' });
  });

  it('refuses a stale version, a role the table does not list, and an unknown claim, changing nothing', async () => {
    const {
      claims: [c],
    } = await env.claims([0.1]);
    await expect(claims.dismiss(c.id, editor, 'x', 7)).rejects.toThrow(/stale version: .* at version 1, not 7/);
    const reviewer: Actor = { id: randomUUID(), role: 'reviewer' };
    await expect(
      env.db.transaction(async (em) => claims.transition(em, await claims.lock(em, c.id), 'queue', reviewer)),
    ).rejects.toThrow(ForbiddenError);
    await expect(
      env.db.transaction(async (em) => claims.transition(em, await claims.lock(em, c.id), 'start', SYSTEM_ACTOR)),
    ).rejects.toThrow(ForbiddenError);
    await expect(claims.queue(randomUUID(), editor)).rejects.toThrow(NotFoundError);
    expect(await claims.get(c.id)).toMatchObject({ status: 'new', version: 1 });
    expect(await claims.events(c.id)).toHaveLength(1);
  });

  it('hides a claim from a reviewer who never held it (404, not 403)', async () => {
    const {
      claims: [c],
    } = await env.claims([0.1]);
    await expect(claims.get(c.id, { id: randomUUID(), role: 'reviewer' })).rejects.toThrow(NotFoundError);
    expect((await claims.get(c.id, editor)).id).toBe(c.id);
  });

  it('bulk triage: each claim on its own, refusals reported beside successes', async () => {
    const {
      claims: [a, b],
    } = await env.claims([0.1, 0.1]);
    await claims.dismiss(b.id, editor, 'first');
    const missing = randomUUID();
    const results = await claims.bulk([a.id, b.id, missing], 'dismiss', editor, 'bulk');
    expect(results).toEqual([
      { id: a.id, ok: true, status: 'dismissed' },
      { id: b.id, ok: false, error: expect.stringMatching(/cannot dismiss a claim in status dismissed/) },
      { id: missing, ok: false, error: expect.stringMatching(/not found/) },
    ]);
  });
});
