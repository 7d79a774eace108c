import { Claim } from './claim.entity';
import { ClaimEvent } from './claim-event.entity';

export function toClaimView(c: Claim) {
  return {
    id: c.id,
    articleId: c.articleId,
    text: c.text,
    sentence: c.sentence,
    section: c.section,
    span: c.spanStart === null || c.spanEnd === null ? null : { start: c.spanStart, end: c.spanEnd },
    claimant: c.claimant,
    type: c.type,
    score: c.score,
    scoredBy: c.scoredBy,
    quantities: c.quantities,
    language: c.language,
    topic: c.topic,
    status: c.status,
    priority: c.priority,
    assigneeId: c.assigneeId,
    dueAt: c.dueAt ? c.dueAt.toISOString() : null,
    version: c.version,
    createdAt: c.createdAt.toISOString(),
    updatedAt: c.updatedAt.toISOString(),
  };
}
export type ClaimView = ReturnType<typeof toClaimView>;

export function toEventView(e: ClaimEvent) {
  return {
    id: e.id,
    type: e.type,
    fromStatus: e.fromStatus,
    toStatus: e.toStatus,
    actorId: e.actorId,
    at: e.at.toISOString(),
    data: e.data,
  };
}
