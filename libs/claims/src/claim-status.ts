import type { Actor, Role } from '@claimdesk/common';

export const CLAIM_STATUSES = [
  'new',
  'queued',
  'assigned',
  'in_review',
  'submitted',
  'published',
  'dismissed',
  'duplicate',
] as const;
export type ClaimStatus = (typeof CLAIM_STATUSES)[number];

type Who = Role | 'system';

interface TransitionRule {
  from: readonly ClaimStatus[];
  to: ClaimStatus;
  /** Who may make this move at all; object rules (the assignee, not the author) are checked by the service. */
  by: readonly Who[];
}

/**
 * Every allowed move of a claim, in one place. Anything not listed here is refused with 409.
 * `assign` from `assigned` is a reassignment; `reject` returns the claim to the same reviewer.
 */
export const TRANSITIONS = {
  queue: { from: ['new', 'dismissed'], to: 'queued', by: ['admin', 'editor', 'system'] },
  dismiss: { from: ['new', 'queued'], to: 'dismissed', by: ['admin', 'editor'] },
  mark_duplicate: { from: ['new', 'queued'], to: 'duplicate', by: ['admin', 'editor', 'system'] },
  assign: { from: ['queued', 'assigned'], to: 'assigned', by: ['admin', 'editor', 'system', 'reviewer'] },
  unassign: { from: ['assigned', 'in_review'], to: 'queued', by: ['admin', 'editor', 'system'] },
  start: { from: ['assigned'], to: 'in_review', by: ['reviewer'] },
  submit: { from: ['in_review'], to: 'submitted', by: ['reviewer'] },
  approve: { from: ['submitted'], to: 'published', by: ['admin', 'editor'] },
  reject: { from: ['submitted'], to: 'in_review', by: ['admin', 'editor'] },
  // A rejected correction leaves the published verdict in force.
  reject_correction: { from: ['submitted'], to: 'published', by: ['admin', 'editor'] },
  // A rejected verdict whose author can no longer review goes back to the queue, to someone else.
  reject_to_queue: { from: ['submitted'], to: 'queued', by: ['admin', 'editor'] },
  correct: { from: ['published'], to: 'submitted', by: ['admin', 'editor'] },
} as const satisfies Record<string, TransitionRule>;

export type ClaimAction = keyof typeof TRANSITIONS;

export function mayTransition(action: ClaimAction, actor: Actor): boolean {
  return (TRANSITIONS[action].by as readonly Who[]).includes(actor.role);
}

/** Why the move is not allowed from this status (409), or null when it is. Roles: see mayTransition. */
export function refuseTransition(action: ClaimAction, from: ClaimStatus): string | null {
  const rule: TransitionRule = TRANSITIONS[action];
  if (!rule.from.includes(from)) {
    return `cannot ${action} a claim in status ${from} (allowed from: ${rule.from.join(', ')})`;
  }
  return null;
}
