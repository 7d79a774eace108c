import { randomUUID } from 'node:crypto';
import { ClaimsService } from '@claimdesk/claims';
import { Actor, ConflictError } from '@claimdesk/common';
import { AssignmentService } from '@claimdesk/review';
import { ServiceEnv } from '../support/service-env';

describe('AssignmentService (medium)', () => {
  let env: ServiceEnv;
  let assignment: AssignmentService;
  let claims: ClaimsService;
  let editor: Actor;

  const load = async (id: string) =>
    (await env.sql<{ load: number }>('SELECT load FROM users WHERE id = $1', [id]))[0].load;
  const openOf = async (claimId: string) =>
    env.sql<{ reviewer_id: string }>('SELECT reviewer_id FROM assignments WHERE claim_id = $1 AND ended_at IS NULL', [
      claimId,
    ]);

  beforeAll(async () => {
    env = await ServiceEnv.start();
    assignment = env.get(AssignmentService);
    claims = env.get(ClaimsService);
    const e = await env.user('editor');
    editor = { id: e.id, role: 'editor' };
  });
  // Each test's reviewers are full once it ends, so they never take the next test's claims.
  afterEach(() => env.sql(`UPDATE users SET capacity = load WHERE role = 'reviewer'`));
  afterAll(() => env.close());

  it('gives a queued claim to the least-loaded reviewer who speaks its language, with a deadline job', async () => {
    const [busy, free, french] = [
      await env.user('reviewer', { capacity: 5, languages: ['en'] }),
      await env.user('reviewer', { capacity: 5, languages: ['en'] }),
      await env.user('reviewer', { capacity: 5, languages: ['fr'] }),
    ];
    await env.sql('UPDATE users SET load = 2 WHERE id = $1', [busy.id]);
    const {
      claims: [c],
    } = await env.claims([0.9], 'en');
    expect(await assignment.autoAssign(c.id, c.version)).toBe(free.id);
    expect(await claims.get(c.id)).toMatchObject({ status: 'assigned', assigneeId: free.id, version: c.version + 1 });
    expect(await load(free.id)).toBe(1);
    const [a] = await assignment.history(c.id);
    expect(await env.jobIds('check-deadline')).toContain(`deadline-${a.id}`);
    expect(await load(french.id)).toBe(0);
  });

  it('ignores a job for another version of the claim, or for a claim no longer queued', async () => {
    const r = await env.user('reviewer', { capacity: 5 });
    const {
      claims: [c],
    } = await env.claims([0.9]);
    expect(await assignment.autoAssign(c.id, c.version + 1)).toBeNull();
    expect(await assignment.autoAssign(randomUUID(), 1)).toBeNull();
    expect(await assignment.autoAssign(c.id, c.version)).toBe(r.id);
    expect(await assignment.autoAssign(c.id, c.version)).toBeNull(); // the same job again: already assigned
    expect(await openOf(c.id)).toHaveLength(1);
  });

  it('never pushes load over capacity, however many assignments run at once', async () => {
    const reviewers = [await env.user('reviewer', { capacity: 2 }), await env.user('reviewer', { capacity: 3 })];
    const { claims: queued } = await env.claims(Array.from({ length: 12 }, () => 0.9));
    const given = await Promise.all(queued.map((c) => assignment.autoAssign(c.id, c.version)));
    // A reviewer row another transaction holds is skipped, not waited for: some claims wait for the fill job.
    expect(given.filter(Boolean).length).toBeLessThanOrEqual(5);
    expect(await load(reviewers[0].id)).toBeLessThanOrEqual(2);
    expect(await load(reviewers[1].id)).toBeLessThanOrEqual(3);
    await Promise.all(reviewers.map((r) => assignment.fillReviewer(r.id)));
    expect(await load(reviewers[0].id)).toBe(2);
    expect(await load(reviewers[1].id)).toBe(3);
    const assigned = await env.sql('SELECT id FROM claims WHERE id = ANY($1::uuid[]) AND status = $2', [
      queued.map((c) => c.id),
      'assigned',
    ]);
    expect(assigned).toHaveLength(5);
  });

  it('an editor assigns and reassigns by hand: capacity, version and the reviewer are checked', async () => {
    const [a, b] = [await env.user('reviewer', { capacity: 1 }), await env.user('reviewer', { capacity: 1 })];
    const {
      claims: [c, d],
    } = await env.claims([0.9, 0.9]);
    await expect(assignment.assign(c.id, a.id, editor, 'x', 5)).rejects.toThrow(/stale version/);
    await expect(assignment.assign(c.id, editor.id!, editor)).rejects.toThrow(/is not a reviewer/);
    expect(await assignment.assign(c.id, a.id, editor, 'knows it')).toMatchObject({
      status: 'assigned',
      assigneeId: a.id,
    });
    await expect(assignment.assign(d.id, a.id, editor)).rejects.toThrow(/at capacity \(1\/1\)/);
    await expect(assignment.assign(c.id, a.id, editor)).rejects.toThrow(ConflictError); // already theirs

    const moved = await assignment.assign(c.id, b.id, editor, 'rebalance');
    expect(moved).toMatchObject({ status: 'assigned', assigneeId: b.id });
    expect([await load(a.id), await load(b.id)]).toEqual([0, 1]);
    const history = await assignment.history(c.id);
    expect(history.map((h) => [h.reviewerId, h.endReason])).toEqual([
      [a.id, 'reassigned'],
      [b.id, null],
    ]);
  });

  it('crossing reassignments between two reviewers both finish (reviewers are locked in id order)', async () => {
    const [a, b] = [await env.user('reviewer', { capacity: 2 }), await env.user('reviewer', { capacity: 2 })];
    const {
      claims: [c, d],
    } = await env.claims([0.9, 0.9]);
    await assignment.assign(c.id, a.id, editor);
    await assignment.assign(d.id, b.id, editor);
    for (let round = 0; round < 5; round++) {
      const [from, to] = round % 2 ? [b, a] : [a, b];
      await Promise.all([assignment.assign(c.id, to.id, editor), assignment.assign(d.id, from.id, editor)]);
    }
    expect([await load(a.id), await load(b.id)]).toEqual([1, 1]);
    expect((await openOf(c.id)).length + (await openOf(d.id)).length).toBe(2);
  });

  it('unassign puts the claim back in the queue and never hands it to the same reviewer again', async () => {
    // A language of its own: the claims other tests left queued are not r's to take.
    const r = await env.user('reviewer', { capacity: 3, languages: ['qq'] });
    const {
      claims: [c],
    } = await env.claims([0.9], 'qq');
    await assignment.assign(c.id, r.id, editor);
    const back = await assignment.unassign(c.id, editor, 'someone else');
    expect(back).toMatchObject({ status: 'queued', assigneeId: null, dueAt: null });
    expect(await load(r.id)).toBe(0);
    expect(await assignment.autoAssign(c.id, back.version)).toBeNull(); // r is the only one with room
    expect(await assignment.fillReviewer(r.id)).toBe(0);
  });

  it('a missed deadline ends the assignment, frees the reviewer and re-queues the claim; an early check waits', async () => {
    const r = await env.user('reviewer', { capacity: 3 });
    const {
      claims: [c],
    } = await env.claims([0.9]);
    await assignment.assign(c.id, r.id, editor);
    const [a] = await assignment.history(c.id);
    expect(await assignment.checkDeadline(a.id)).toEqual({ outcome: 'pending', dueAt: a.dueAt });
    await env.sql(`UPDATE assignments SET due_at = now() - interval '1 minute' WHERE id = $1`, [a.id]);
    expect(await assignment.checkDeadline(a.id)).toEqual({ outcome: 'missed' });
    expect(await assignment.checkDeadline(a.id)).toEqual({ outcome: 'done' }); // a retried job changes nothing
    expect(await claims.get(c.id)).toMatchObject({ status: 'queued', assigneeId: null });
    expect(await load(r.id)).toBe(0);
    const events = await claims.events(c.id);
    expect(events.at(-1)).toMatchObject({
      type: 'deadline_missed',
      fromStatus: 'assigned',
      toStatus: 'queued',
      actorId: null,
    });
  });

  it('next: a reviewer first gets their own assigned claim, then the best queued claim they may take', async () => {
    const r = await env.user('reviewer', { capacity: 2, languages: ['de'] });
    const {
      claims: [low, high],
    } = await env.claims([0.6, 0.95], 'de');
    const me: Actor = { id: r.id, role: 'reviewer' };
    const first = await assignment.next(me);
    expect(first).toMatchObject({ id: high.id, status: 'assigned', assigneeId: r.id });
    expect((await assignment.next(me))?.id).toBe(high.id); // still theirs, still first
    expect(await load(r.id)).toBe(1);
    expect(await claims.get(low.id)).toMatchObject({ status: 'queued' });
  });

  it('deactivating a reviewer releases every claim they hold to the queue', async () => {
    const r = await env.user('reviewer', { capacity: 3 });
    const {
      claims: [c, d],
    } = await env.claims([0.9, 0.9]);
    await assignment.assign(c.id, r.id, editor);
    await assignment.assign(d.id, r.id, editor);
    await env.sql('UPDATE users SET active = false WHERE id = $1', [r.id]);
    expect(await assignment.releaseAllOf(r.id, editor)).toBe(2);
    for (const id of [c.id, d.id]) {
      expect(await claims.get(id)).toMatchObject({ status: 'queued', assigneeId: null });
      expect((await claims.events(id)).at(-1)?.type).toBe('reviewer_deactivated');
    }
    expect(await load(r.id)).toBe(0);
  });
});
