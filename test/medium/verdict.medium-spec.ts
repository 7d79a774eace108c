import { randomUUID } from 'node:crypto';
import { ClaimsService } from '@claimdesk/claims';
import { Actor, ForbiddenError, NotFoundError } from '@claimdesk/common';
import { AssignmentService, VerdictInput, VerdictService } from '@claimdesk/review';
import { ServiceEnv } from '../support/service-env';

const input: VerdictInput = {
  rating: 'mostly_true',
  summary: 'Matches the record.',
  sources: [{ url: 'https://example.org/a' }],
};

describe('VerdictService (medium)', () => {
  let env: ServiceEnv;
  let verdicts: VerdictService;
  let claims: ClaimsService;
  let assignment: AssignmentService;
  let editor: Actor;
  let editor2: Actor;

  const actor = async (role: 'reviewer' | 'editor'): Promise<Actor> => ({ id: (await env.user(role)).id, role });
  const load = async (id: string) =>
    (await env.sql<{ load: number }>('SELECT load FROM users WHERE id = $1', [id]))[0].load;

  /** A claim assigned to a fresh reviewer. */
  const assigned = async () => {
    const reviewer = await actor('reviewer');
    const {
      claims: [c],
    } = await env.claims([0.9]);
    await assignment.assign(c.id, reviewer.id!, editor);
    return { claimId: c.id, reviewer };
  };
  const submitted = async () => {
    const a = await assigned();
    await verdicts.start(a.claimId, a.reviewer);
    const v = await verdicts.submit(a.claimId, a.reviewer, input);
    return { ...a, verdictId: v.id };
  };

  beforeAll(async () => {
    env = await ServiceEnv.start();
    verdicts = env.get(VerdictService);
    claims = env.get(ClaimsService);
    assignment = env.get(AssignmentService);
    editor = await actor('editor');
    editor2 = await actor('editor');
  });
  afterAll(() => env.close());

  it('only the assignee starts and submits; others get 404 (never held) or 403 (held, not theirs)', async () => {
    const { claimId, reviewer } = await assigned();
    await expect(verdicts.start(claimId, await actor('reviewer'))).rejects.toThrow(NotFoundError);
    await expect(verdicts.start(claimId, reviewer, 1)).rejects.toThrow(/stale version/);
    expect(await verdicts.start(claimId, reviewer)).toMatchObject({ status: 'in_review' });
    await expect(verdicts.start(claimId, reviewer)).rejects.toThrow(/cannot start a claim in status in_review/);

    const v = await verdicts.submit(claimId, reviewer, input);
    expect(v).toMatchObject({ version: 1, status: 'submitted', authorId: reviewer.id, rating: 'mostly_true' });
    expect(await claims.get(claimId)).toMatchObject({ status: 'submitted' });
    // The assignment ends with the verdict and the reviewer's capacity is free again.
    expect((await assignment.history(claimId)).map((a) => a.endReason)).toEqual(['submitted']);
    expect(await load(reviewer.id!)).toBe(0);

    // A reviewer who held the claim but is not its assignee: 403 (they may read it, not act on it).
    const other = await assigned();
    await assignment.assign(other.claimId, (await actor('reviewer')).id!, editor);
    await expect(verdicts.start(other.claimId, other.reviewer)).rejects.toThrow(ForbiddenError);
  });

  it('two-person rule: the author of a verdict may not approve it; another editor publishes it', async () => {
    const { claimId, verdictId } = await submitted();
    const approved = await verdicts.approve(verdictId, editor);
    expect(approved).toMatchObject({ status: 'approved', reviewerId: editor.id });
    expect(await claims.get(claimId)).toMatchObject({ status: 'published' });
    await expect(verdicts.approve(verdictId, editor2)).rejects.toThrow(/is approved, not submitted/);

    // A correction written by an editor: that editor may not approve it; the other one may, and it supersedes.
    const correction = await verdicts.correct(claimId, editor, { ...input, rating: 'false' });
    expect(correction).toMatchObject({ version: 2, status: 'submitted' });
    await expect(verdicts.approve(correction.id, editor)).rejects.toThrow(ForbiddenError);
    await verdicts.approve(correction.id, editor2);
    const all = await verdicts.listForClaim(claimId, editor);
    expect(all.map((v) => [v.version, v.status])).toEqual([
      [1, 'superseded'],
      [2, 'approved'],
    ]);
  });

  it('reject sends the claim back to its author with a new assignment; a rejected correction keeps the published one', async () => {
    const { claimId, reviewer, verdictId } = await submitted();
    const rejected = await verdicts.reject(verdictId, editor, 'needs a second source');
    expect(rejected).toMatchObject({ status: 'rejected', reviewComment: 'needs a second source' });
    expect(await claims.get(claimId)).toMatchObject({ status: 'in_review', assigneeId: reviewer.id });
    expect(await load(reviewer.id!)).toBe(1);
    const v2 = await verdicts.submit(claimId, reviewer, input);
    expect(v2.version).toBe(2);
    await verdicts.approve(v2.id, editor);

    const correction = await verdicts.correct(claimId, editor2, input);
    await verdicts.reject(correction.id, editor, 'keep the first');
    expect(await claims.get(claimId)).toMatchObject({ status: 'published' });
    expect((await verdicts.findApproved(claimId))?.id).toBe(v2.id);
  });

  it('a rejected verdict whose author was deactivated goes back to the queue for someone else', async () => {
    const { claimId, reviewer, verdictId } = await submitted();
    await env.sql('UPDATE users SET active = false WHERE id = $1', [reviewer.id]);
    await verdicts.reject(verdictId, editor, 'redo');
    expect(await claims.get(claimId)).toMatchObject({ status: 'queued', assigneeId: null });
    expect((await claims.events(claimId)).at(-1)?.type).toBe('reject_to_queue');
  });

  it('a reviewer reads a verdict only for a claim they may read', async () => {
    const { verdictId } = await submitted();
    await expect(verdicts.get(verdictId, await actor('reviewer'))).rejects.toThrow(NotFoundError);
    await expect(verdicts.get(randomUUID(), editor)).rejects.toThrow(NotFoundError);
    expect((await verdicts.get(verdictId, editor)).id).toBe(verdictId);
  });
});
