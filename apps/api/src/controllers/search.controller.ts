import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Actor } from '@claimdesk/common';
import { SearchService } from '@claimdesk/search';
import { Access } from '../auth/access.decorator';
import { CurrentUser } from '../auth/current-user.decorator';
import { ApiErrors } from '../dto/error.response';
import { SearchQuery } from '../dto/search.dto';
import { SearchPageResponse } from '../dto/search.response';

@ApiTags('search')
@Controller('v1/search')
export class SearchController {
  constructor(private readonly search: SearchService) {}

  @Get()
  @ApiOperation({
    summary: 'Full-text search over claims, verdicts and articles',
    description:
      'Claims (text), current verdicts (summary, source titles and URLs) and articles (title, body), ranked ' +
      'together best first (PostgreSQL full text: stemmed English words, websearch syntax), with highlighted ' +
      'excerpts, keyset-paginated by `cursor`. Filters combine (AND); claim filters apply to the claim of a claim ' +
      'or verdict hit, and an article hit needs one of its claims to pass them. A query of only stop words finds ' +
      "nothing. Reviewers find what GET /v1/claims shows them: the claims they hold or held, those claims' " +
      'verdicts, and their articles by title.',
  })
  @Access('authenticated')
  @ApiOkResponse({ type: SearchPageResponse })
  @ApiErrors(400)
  find(@Query() query: SearchQuery, @CurrentUser() actor: Actor): Promise<SearchPageResponse> {
    const { limit, cursor, ...filter } = query;
    return this.search.search(filter, limit, cursor, actor);
  }
}
