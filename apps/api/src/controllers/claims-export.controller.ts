import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { Actor } from '@claimdesk/common';
import { Access, EDITORS } from '../auth/access.decorator';
import { CurrentUser } from '../auth/current-user.decorator';
import { ListClaimsQuery } from '../dto/claim.dto';
import { ApiErrors } from '../dto/error.response';
import { ClaimsExportService } from '../export/claims-export.service';

@ApiTags('claims')
@Controller('v1/claims')
export class ClaimsExportController {
  constructor(private readonly exporter: ClaimsExportService) {}

  /** Every claim matching GET /v1/claims' filters (limit and cursor ignored), streamed as CSV. */
  @Get('export.csv')
  @Access(EDITORS)
  @ApiProduces('text/csv')
  @ApiOkResponse({
    description: 'CSV (RFC 4180, CRLF), one header line then one line per claim with its published verdict',
    schema: { type: 'string' },
  })
  @ApiErrors(400)
  export(@Query() q: ListClaimsQuery, @CurrentUser() actor: Actor, @Res() reply: FastifyReply): void {
    const { limit: _limit, cursor: _cursor, ...filter } = q;
    const day = new Date().toISOString().slice(0, 10);
    void reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="claims-${day}.csv"`)
      .header('cache-control', 'no-store')
      .send(this.exporter.stream(filter, actor));
  }
}
