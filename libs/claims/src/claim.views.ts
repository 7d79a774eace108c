import type { MatchLinkRow } from './matches.repository';
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
    originalId: c.originalId ?? null,
    createdAt: c.createdAt.toISOString(),
    updatedAt: c.updatedAt.toISOString(),
  };
}
export type ClaimView = ReturnType<typeof toClaimView>;

export function toEventView(e: ClaimEvent, actorName: string | null = null) {
  return {
    id: e.id,
    type: e.type,
    fromStatus: e.fromStatus,
    toStatus: e.toStatus,
    actorId: e.actorId,
    actorName,
    at: e.at.toISOString(),
    data: e.data,
  };
}

export function toMatchView(claimId: string, l: MatchLinkRow) {
  const later = l.claim_id === claimId;
  return {
    claimId: later ? l.other_id : l.claim_id,
    /** `earlier`: the other claim came first (this one may repeat it); `later`: the other may repeat this one. */
    direction: later ? ('earlier' as const) : ('later' as const),
    score: l.score,
    status: l.status,
    createdAt: l.created_at.toISOString(),
    updatedAt: l.updated_at.toISOString(),
  };
}
export type MatchView = ReturnType<typeof toMatchView>;
