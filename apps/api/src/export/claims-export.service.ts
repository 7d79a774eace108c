import { Readable } from 'node:stream';
import { Injectable } from '@nestjs/common';
import { ClaimFilter, ClaimsService } from '@claimdesk/claims';
import type { Actor } from '@claimdesk/common';
import { VerdictService } from '@claimdesk/review';
import { csvLine } from './csv';

const PAGE = 1000;
export const EXPORT_COLUMNS = [
  'id',
  'article_id',
  'status',
  'type',
  'score',
  'language',
  'topic',
  'claimant',
  'text',
  'assignee_id',
  'created_at',
  'verdict_rating',
  'verdict_summary',
  'verdict_published_at',
];

/**
 * The claims matching GET /v1/claims' filters, with their published verdict, as CSV. Keyset pages of 1,000 (the
 * list's own query and filters), each joined to its verdicts by one query in the review lib, pulled only as the
 * client reads: memory stays flat whatever the number of claims.
 */
@Injectable()
export class ClaimsExportService {
  constructor(
    private readonly claims: ClaimsService,
    private readonly verdicts: VerdictService,
  ) {}

  stream(filter: ClaimFilter, actor: Actor): Readable {
    const { claims, verdicts } = this;
    async function* lines() {
      yield csvLine(EXPORT_COLUMNS);
      let cursor: string | undefined;
      do {
        const page = await claims.list(filter, PAGE, cursor, actor);
        const inForce = await verdicts.inForceFor(page.items.map((c) => c.id));
        let chunk = '';
        for (const c of page.items) {
          const v = inForce.get(c.id);
          chunk += csvLine([
            c.id,
            c.articleId,
            c.status,
            c.type,
            c.score,
            c.language,
            c.topic,
            c.claimant,
            c.text,
            c.assigneeId,
            c.createdAt,
            v?.rating,
            v?.summary,
            v?.reviewedAt?.toISOString(),
          ]);
        }
        yield chunk;
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
    }
    return Readable.from(lines(), { objectMode: false, highWaterMark: 64 * 1024 });
  }
}
