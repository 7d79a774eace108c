import { JOB_ID, queueRank } from './jobs';

describe('queueRank', () => {
  it('runs higher claim priorities first (lower BullMQ numbers)', () => {
    expect(queueRank(1.5)).toBeLessThan(queueRank(0.5));
    expect(queueRank(0)).toBeLessThan(2 ** 21);
    expect(queueRank(100)).toBe(1);
  });
});

describe('JOB_ID', () => {
  it('is deterministic and never contains ":" (BullMQ refuses it) nor is a plain integer', () => {
    const ids = [
      JOB_ID['extract-article']({ articleId: 'a' }),
      JOB_ID['assign-claim']({ claimId: 'c', version: 3, priority: 1 }),
      JOB_ID['fill-reviewer']({ reviewerId: 'r', cause: 'v2' }),
      JOB_ID['check-deadline']({ assignmentId: 'x' }),
      JOB_ID.sweep({}),
    ];
    expect(ids).toEqual(['extract-a', 'assign-c-v3', 'fill-r-v2', 'deadline-x', 'sweep']);
    for (const id of ids) expect(id).not.toMatch(/:|^\d+$/);
  });

  it('gives a new assignment job when the claim changes version, the same one otherwise', () => {
    const a = JOB_ID['assign-claim']({ claimId: 'c', version: 3, priority: 1 });
    expect(JOB_ID['assign-claim']({ claimId: 'c', version: 3, priority: 2 })).toBe(a);
    expect(JOB_ID['assign-claim']({ claimId: 'c', version: 4, priority: 1 })).not.toBe(a);
  });
});
