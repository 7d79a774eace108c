import { Readable } from 'node:stream';
import { Injectable } from '@nestjs/common';
import { ClaimExportRow, ClaimFilter, ClaimsService } from '@claimdesk/claims';
import type { Actor, Cursor } from '@claimdesk/common';
import { VerdictService } from '@claimdesk/review';
import { csvLine } from './csv';

/** Rows per keyset page: one cheap range read on claims_created_at_idx; little data in flight at a time. */
const PAGE = 200;
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
 * Text pulled page by page, only when the reader wants more: Readable.from asks the generator for the next page only
 * when its buffer (one page) has drained into the socket, and Fastify pipes it to the response, so a slow client
 * holds back the queries. No connection or transaction is held between pages.
 */
export function pagedStream(pages: () => AsyncGenerator<string>): Readable {
  return Readable.from(pages(), { objectMode: false, highWaterMark: 64 * 1024 });
}

/**
 * The claims matching GET /v1/claims' filters, with their published verdict, as CSV. Keyset pages (the list's
 * filters and order) of only the exported columns as plain rows, each joined to its verdicts by one query in the
 * review lib. The api's memory stays flat whatever the number of claims (docs/performance.md, bench:export).
 */
@Injectable()
export class ClaimsExportService {
  constructor(
    private readonly claims: ClaimsService,
    private readonly verdicts: VerdictService,
  ) {}

  stream(filter: ClaimFilter, actor: Actor): Readable {
    const { claims, verdicts } = this;
    return pagedStream(async function* () {
      yield csvLine(EXPORT_COLUMNS);
      let after: Cursor | null = null;
      for (;;) {
        const rows: ClaimExportRow[] = await claims.exportPage(filter, PAGE, after, actor);
        if (!rows.length) return;
        const inForce = await verdicts.inForceFor(rows.map((c) => c.id));
        const lines = rows.map((c) => {
          const v = inForce.get(c.id);
          return csvLine([
            c.id,
            c.article_id,
            c.status,
            c.type,
            c.score,
            c.language,
            c.topic,
            c.claimant,
            c.text,
            c.assignee_id,
            c.created_at,
            v?.rating,
            v?.summary,
            v?.reviewed_at?.toISOString(),
          ]);
        });
        yield lines.join('');
        if (rows.length < PAGE) return;
        const last = rows[rows.length - 1];
        after = { createdAt: new Date(last.created_at), id: last.id };
      }
    });
  }
}
