import { ClaimsService } from '@claimdesk/claims';
import { Actor } from '@claimdesk/common';
import { AssignmentService, VerdictInput, VerdictService } from '@claimdesk/review';
import { ServiceEnv } from '../support/service-env';

const input: VerdictInput = { rating: 'true', summary: 'Checked.', sources: [] };
/** Every statement that reads claim rows (the locked read included), from TypeORM (quoted) or plain SQL. */
const CLAIM_READ = /^\s*SELECT[\s\S]*\bFROM "?claims"?\b/i;

/**
 * One read of a claim per state change: the row is read once, locked, and the move, its event and
 * the answer are built from it. Counted from the statements TypeORM sends (every one is logged).
 */
describe('reads of the claim per state change (medium)', () => {
  let env: ServiceEnv;
  let claims: ClaimsService;
  let assignment: AssignmentService;
  let verdicts: VerdictService;
  let editor: Actor;
  let editor2: Actor;
  let reviewer: Actor;
  let second: Actor;
  const reads: Record<string, number> = {};
  const count = async <T>(name: string, work: () => Promise<T>): Promise<T> => {
    const { result, count } = await env.countQueries(CLAIM_READ, work);
    reads[name] = count;
    return result;
  };

  beforeAll(async () => {
    env = await ServiceEnv.start();
    claims = env.get(ClaimsService);
    assignment = env.get(AssignmentService);
    verdicts = env.get(VerdictService);
    editor = { id: (await env.user('editor')).id, role: 'editor' };
    editor2 = { id: (await env.user('editor')).id, role: 'editor' };
    reviewer = { id: (await env.user('reviewer', { capacity: 10 })).id, role: 'reviewer' };
    second = { id: (await env.user('reviewer', { capacity: 10 })).id, role: 'reviewer' };
  });
  afterAll(() => env.close());

  it('reads the claim once for each move of the review workflow', async () => {
    const {
      claims: [c, d],
    } = await env.claims([0.1, 0.1]);
    await count('queue', () => claims.queue(c.id, editor, 1));
    await count('dismiss', () => claims.dismiss(d.id, editor, 'no'));
    await count('assign (with version)', () => assignment.assign(c.id, reviewer.id!, editor, 'x', 2));
    await count('unassign', () => assignment.unassign(c.id, editor));
    const v = (await claims.get(c.id)).version;
    // Taken off `reviewer`, the claim goes to the other one.
    expect(await count('autoAssign', () => assignment.autoAssign(c.id, v))).toBe(second.id);
    await count('start', () => verdicts.start(c.id, second));
    const first = await count('submit', () => verdicts.submit(c.id, second, input));
    await count('reject', () => verdicts.reject(first.id, editor, 'again'));
    const resubmitted = await verdicts.submit(c.id, second, input);
    await count('approve', () => verdicts.approve(resubmitted.id, editor));
    await count('correct', () => verdicts.correct(c.id, editor2, input));
    expect(await claims.get(c.id)).toMatchObject({ status: 'submitted' });
    expect(reads).toEqual({
      queue: 1,
      dismiss: 1,
      'assign (with version)': 1,
      unassign: 1,
      autoAssign: 1,
      start: 1,
      submit: 1,
      reject: 1,
      approve: 1,
      correct: 1,
    });
  });
});
