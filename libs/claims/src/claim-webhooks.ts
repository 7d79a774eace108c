import type { WebhookEvent } from '@claimdesk/webhooks';
import type { ClaimAction, ClaimStatus } from './claim-status';

/**
 * The webhook event a claim's change announces, or null. Deadline breaches and verdicts are named by what
 * happened; other moves by where the claim went (queued again after an unassign is `claim.queued` too).
 * An approval is `verdict.published`; review says `verdict.corrected` when it replaces a published verdict.
 */
export function webhookEventOf(
  action: ClaimAction,
  eventType: string | undefined,
  to: ClaimStatus,
): WebhookEvent | null {
  if (eventType === 'deadline_missed') return 'deadline.missed';
  if (action === 'submit' || action === 'correct') return 'verdict.submitted';
  if (action === 'approve') return 'verdict.published';
  if (action === 'reject_correction' || action === 'reject') return null;
  if (to === 'queued') return 'claim.queued';
  if (to === 'assigned') return 'claim.assigned';
  if (to === 'duplicate') return 'claim.duplicate';
  return null;
}
