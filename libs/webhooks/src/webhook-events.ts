/** Every event a webhook may subscribe to (the `event` field of a delivery). */
export const WEBHOOK_EVENTS = [
  'claim.queued',
  'claim.assigned',
  'claim.duplicate',
  'verdict.submitted',
  'verdict.published',
  'verdict.corrected',
  'deadline.missed',
] as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];

/** What a delivery's body carries besides its id, event and time: the claim as it now is, and the change. */
export type WebhookEventData = Record<string, unknown>;

export interface OutboxEvent {
  event: WebhookEvent;
  data: WebhookEventData;
}
