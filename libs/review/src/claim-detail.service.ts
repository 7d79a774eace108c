import { Injectable } from '@nestjs/common';
import { Actor, decodeCursor, encodeCursor, NotFoundError, Page } from '@claimdesk/common';
import { AppConfig } from '@claimdesk/config';
import { ArticlesService } from '@claimdesk/articles';
import { Claim, ClaimsService, toClaimView } from '@claimdesk/claims';
import { AssignmentService } from './assignment.service';
import { contextFromExcerpt, EXCERPT_MARGIN } from './claim-context';
import { ClaimReviewOrg, toClaimReview } from './claim-review';
import { VerdictService } from './verdict.service';
import { toVerdictView, Verdict } from './verdict.entity';

/** Read views that combine a claim with its article, verdicts and assignments. */
@Injectable()
export class ClaimDetailService {
  constructor(
    private readonly claims: ClaimsService,
    private readonly articles: ArticlesService,
    private readonly verdicts: VerdictService,
    private readonly assignments: AssignmentService,
    private readonly config: AppConfig,
  ) {}

  private org(): ClaimReviewOrg {
    return {
      name: this.config.CLAIMREVIEW_AUTHOR_NAME,
      url: this.config.CLAIMREVIEW_AUTHOR_URL || undefined,
      claimUrlTemplate: this.config.CLAIMREVIEW_URL_TEMPLATE || undefined,
    };
  }

  /** The claim with the article around it, so a reviewer needs no second call. */
  async get(id: string, viewer: Actor) {
    const claim = await this.claims.require(id, viewer);
    // A title claim has no span: its context is the opening of the body.
    const start = claim.spanStart ?? 0;
    const end = claim.spanEnd ?? 0;
    const read = await this.articles.findWithExcerpt(claim.articleId, start, end, EXCERPT_MARGIN);
    const article = read?.article;
    const context = read && contextFromExcerpt(read.excerpt, read.excerptStart, start, end);
    return {
      ...toClaimView(claim),
      article: article && {
        id: article.id,
        title: article.title,
        url: article.url,
        source: article.source,
        publishedAt: article.publishedAt ? article.publishedAt.toISOString() : null,
      },
      context: context ?? null,
      ...(claim.originalId ? { original: await this.originalOf(claim.originalId) } : {}),
    };
  }

  /** A repeat's original: its status and, once published, its verdict (the repeat shows it). */
  private async originalOf(originalId: string) {
    const original = await this.claims.require(originalId);
    const verdict = original.status === 'published' ? await this.verdicts.findApproved(originalId) : null;
    return { id: original.id, status: original.status, verdict: verdict ? toVerdictView(verdict) : null };
  }

  /** A repeat answers with its original's ClaimReview; it lists the article of every confirmed repeat. */
  async claimReview(id: string, viewer: Actor) {
    let claim = await this.claims.require(id, viewer);
    if (claim.originalId) claim = await this.claims.require(claim.originalId);
    const verdict = await this.verdicts.findApproved(claim.id);
    if (!verdict) throw new NotFoundError('published verdict of claim', id);
    return this.reviewOf(claim, verdict);
  }

  /** The ClaimReview of a published claim: its article, then the article of every confirmed repeat. */
  private async reviewOf(claim: Claim, verdict: Verdict) {
    const repeats = await this.claims.findRepeatsOf(claim.id);
    const [article, ...others] = await Promise.all(
      [claim, ...repeats].map((c) => this.articles.findHeader(c.articleId)),
    );
    return toClaimReview(claim, verdict, article, this.org(), others);
  }

  /**
   * The public feed for publishing systems: every published ClaimReview, the newest approval first (a correction
   * comes back to the top), keyset-paginated on the approval time.
   */
  async claimReviewFeed(limit: number, cursor?: string): Promise<Page<ReturnType<typeof toClaimReview>>> {
    const verdicts = await this.verdicts.findPublishedPage(decodeCursor(cursor), limit);
    const page = verdicts.slice(0, limit);
    const claims = new Map((await this.claims.findMany(page.map((v) => v.claimId))).map((c) => [c.id, c]));
    const items = await Promise.all(page.map((v) => this.reviewOf(claims.get(v.claimId)!, v)));
    const last = page[page.length - 1];
    return {
      items,
      nextCursor: verdicts.length > limit && last ? encodeCursor({ createdAt: last.reviewedAt!, id: last.id }) : null,
    };
  }

  async assignmentHistory(id: string, viewer: Actor) {
    await this.claims.require(id, viewer);
    return (await this.assignments.history(id)).map((a) => ({
      id: a.id,
      reviewerId: a.reviewerId,
      assignedBy: a.assignedBy,
      reason: a.reason,
      assignedAt: a.assignedAt.toISOString(),
      dueAt: a.dueAt.toISOString(),
      endedAt: a.endedAt ? a.endedAt.toISOString() : null,
      endReason: a.endReason,
    }));
  }

  /** The caller's open assignments with their claims and due times, soonest due first. */
  async myAssignments(reviewer: Actor) {
    const open = await this.assignments.activeOf(reviewer.id!);
    const claims = new Map((await this.claims.getMany(open.map((a) => a.claimId))).map((c) => [c.id, c]));
    return open.map((a) => ({
      assignmentId: a.id,
      assignedAt: a.assignedAt.toISOString(),
      dueAt: a.dueAt.toISOString(),
      claim: claims.get(a.claimId)!,
    }));
  }
}
