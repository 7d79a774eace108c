import { CLAIM_STATUSES, mayTransition, refuseTransition, TRANSITIONS, ClaimAction } from './claim-status';

const editor = { id: 'e', role: 'editor' as const };
const reviewer = { id: 'r', role: 'reviewer' as const };

describe('refuseTransition', () => {
  it('allows the walking-skeleton path in order', () => {
    const path: [ClaimAction, string][] = [
      ['queue', 'new'],
      ['assign', 'queued'],
      ['approve', 'submitted'],
      ['reject', 'submitted'],
    ];
    for (const [action, from] of path) expect(refuseTransition(action, from as never)).toBeNull();
    expect(refuseTransition('start', 'assigned')).toBeNull();
    expect(refuseTransition('submit', 'in_review')).toBeNull();
  });

  it('refuses every move from a status not listed, naming the status', () => {
    for (const [action, rule] of Object.entries(TRANSITIONS)) {
      for (const status of CLAIM_STATUSES) {
        const reason = refuseTransition(action as ClaimAction, status);
        if ((rule.from as readonly string[]).includes(status)) expect(reason).toBeNull();
        else expect(reason).toContain(`status ${status}`);
      }
    }
  });

  it('refuses roles that may not make the move', () => {
    expect(mayTransition('approve', reviewer)).toBe(false);
    expect(mayTransition('submit', editor)).toBe(false);
    expect(mayTransition('approve', editor)).toBe(true);
    expect(mayTransition('start', reviewer)).toBe(true);
  });

  it('never lets a published claim be dismissed or reassigned', () => {
    expect(refuseTransition('dismiss', 'published')).not.toBeNull();
    expect(refuseTransition('assign', 'published')).not.toBeNull();
  });
});
