/**
 * Every job claimdesk runs: the queue it goes to, its payload, and its deterministic id.
 * The id makes enqueueing idempotent: adding a job whose id is already waiting or running is a no-op,
 * so the sweeper can re-add everything Postgres says is pending without doubling work.
 */
export const QUEUES = {
  extraction: 'extraction',
  assignment: 'assignment',
  deadlines: 'deadlines',
  maintenance: 'maintenance',
  fetch: 'fetch',
  sources: 'sources',
  webhooks: 'webhooks',
} as const;
export type QueueName = (typeof QUEUES)[keyof typeof QUEUES];

export interface JobPayloads {
  /** Extract the claims of a received article. */
  'extract-article': { articleId: string };
  /** Give one queued claim (at this version) to the best eligible reviewer. */
  'assign-claim': { claimId: string; version: number; priority: number };
  /** A reviewer has spare capacity (an assignment ended, capacity raised, reactivated): fill it. */
  'fill-reviewer': { reviewerId: string; cause: string };
  /** An assignment's due time has come: if it is still open, record the breach and reassign. */
  'check-deadline': { assignmentId: string };
  /** Fetch the page of an article posted as a URL. */
  'fetch-article': { articleId: string };
  /** Poll a feed source (added by the source's job scheduler, `source-<sourceId>`). */
  'poll-source': { sourceId: string };
  /** Attempt `attempt` (1-based) of one webhook delivery; the attempt number keeps a re-run from doubling it. */
  'deliver-webhook': { deliveryId: string; attempt: number };
  /** Re-drive from Postgres whatever is waiting without a job (a wiped Redis loses nothing). */
  sweep: Record<string, never>;
}
export type JobName = keyof JobPayloads;

export const JOB_QUEUE: { [N in JobName]: QueueName } = {
  'extract-article': QUEUES.extraction,
  'assign-claim': QUEUES.assignment,
  'fill-reviewer': QUEUES.assignment,
  'check-deadline': QUEUES.deadlines,
  sweep: QUEUES.maintenance,
  'fetch-article': QUEUES.fetch,
  'poll-source': QUEUES.sources,
  'deliver-webhook': QUEUES.webhooks,
};

/**
 * BullMQ runs lower numbers first (1 is the most urgent, up to 2^21). Claim priorities are small
 * positive reals, higher first: map them so that waiting assignment jobs run best claim first.
 */
export function queueRank(priority: number): number {
  return Math.min(2_000_000, Math.max(1, Math.round(1_000_000 - priority * 100_000)));
}

/** Deterministic ids, one per unit of work. BullMQ forbids ':' in custom ids, hence '-'. */
export const JOB_ID: { [N in JobName]: (p: JobPayloads[N]) => string } = {
  'extract-article': (p) => `extract-${p.articleId}`,
  'assign-claim': (p) => `assign-${p.claimId}-v${p.version}`,
  'fill-reviewer': (p) => `fill-${p.reviewerId}-${p.cause}`,
  'check-deadline': (p) => `deadline-${p.assignmentId}`,
  sweep: () => 'sweep',
  'fetch-article': (p) => `fetch-${p.articleId}`,
  'poll-source': (p) => `poll-${p.sourceId}`,
  'deliver-webhook': (p) => `webhook-${p.deliveryId}-${p.attempt}`,
};

/** The id of a source's job scheduler (one per active source). */
export function sourceSchedulerId(sourceId: string): string {
  return `source-${sourceId}`;
}
