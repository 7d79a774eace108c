import { Injectable } from '@nestjs/common';
import { Actor, InvalidError, Page } from '@claimdesk/common';
import { ClaimsService } from '@claimdesk/claims';
import { decodeRankCursor, encodeRankCursor } from './search-cursor';
import { SearchFilter, SearchRepository } from './search.repository';
import { HitView, toHitView } from './search.views';

@Injectable()
export class SearchService {
  constructor(
    private readonly repo: SearchRepository,
    private readonly claims: ClaimsService,
  ) {}

  /**
   * Ranked hits over claims, current verdicts and articles. A reviewer finds only what GET /v1/claims shows them
   * (claims they hold or held), those claims' verdicts, and their articles by title.
   */
  async search(
    filter: Omit<SearchFilter, 'within'>,
    limit: number,
    cursor: string | undefined,
    viewer: Actor,
  ): Promise<Page<HitView>> {
    const after = decodeRankCursor(cursor);
    const { empty, indexable } = await this.repo.probe(filter.q);
    if (empty) return { items: [], nextCursor: null }; // only stop words or punctuation: nothing to find
    if (!indexable) throw new InvalidError('q', 'needs at least one word to find, not only excluded (-word) ones');
    const within = this.claims.readScope(viewer) ?? undefined;
    const rows = await this.repo.page({ ...filter, within }, after, limit);
    const items = rows.slice(0, limit);
    const last = items.at(-1);
    return {
      items: items.map(toHitView),
      nextCursor: rows.length > limit && last ? encodeRankCursor({ rank: last.rank, id: last.id }) : null,
    };
  }
}
