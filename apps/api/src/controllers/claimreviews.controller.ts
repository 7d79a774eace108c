import { Controller, Get, Header, Query } from '@nestjs/common';
import { ApiOkResponse, ApiResponse, ApiTags } from '@nestjs/swagger';
import { ClaimDetailService } from '@claimdesk/review';
import { Access } from '../auth/access.decorator';
import { ClaimReviewPageResponse } from '../dto/claim.response';
import { ApiErrors } from '../dto/error.response';
import { PageQuery } from '../dto/page.dto';

/**
 * The public feed of published ClaimReviews for publishing systems: no token, published verdicts only, keyset
 * paginated, newest approval first. Answers carry a weak ETag; `If-None-Match` with it answers 304.
 */
@ApiTags('claimreviews')
@Controller('v1/claimreviews')
export class ClaimReviewsController {
  constructor(private readonly detail: ClaimDetailService) {}

  @Get()
  @Access('public')
  @Header('cache-control', 'public, no-cache')
  @ApiOkResponse({ type: ClaimReviewPageResponse, description: 'schema.org ClaimReview JSON-LD, one per claim' })
  @ApiResponse({ status: 304, description: 'unchanged since the ETag given in If-None-Match' })
  @ApiErrors(400)
  feed(@Query() q: PageQuery): Promise<ClaimReviewPageResponse> {
    return this.detail.claimReviewFeed(q.limit, q.cursor);
  }
}
