import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDate, IsIn, IsOptional, IsString, IsUUID, MaxLength, MinLength, NotContains } from 'class-validator';
import { CLAIM_STATUSES } from '@claimdesk/claims';
import { CLAIM_TYPES } from '@claimdesk/extraction';
import { RATINGS } from '@claimdesk/review';
import { HIT_KINDS } from '@claimdesk/search';
import { PageQuery } from './page.dto';

/** No NUL (PostgreSQL text cannot hold it): answered as a 400 naming the field, not a database error. */
const NUL = '\u0000';

export class SearchQuery extends PageQuery {
  @ApiProperty({
    description:
      'words to find, web-search syntax: words (stemmed: "rates" finds "rate"), "a quoted phrase", or, -excluded',
    example: 'confidentiality orders',
    minLength: 1,
    maxLength: 200,
  })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  @NotContains(NUL, { message: 'q must not contain NUL characters' })
  q: string;

  @ApiPropertyOptional({ enum: HIT_KINDS, description: 'only hits of this kind' })
  @IsOptional()
  @IsIn(HIT_KINDS)
  kind?: (typeof HIT_KINDS)[number];

  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() articleId?: string;
  @ApiPropertyOptional({ enum: CLAIM_STATUSES, description: "the claim's status" })
  @IsOptional()
  @IsIn(CLAIM_STATUSES)
  status?: string;
  @ApiPropertyOptional({ enum: CLAIM_TYPES }) @IsOptional() @IsIn(CLAIM_TYPES) type?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() assigneeId?: string;
  @ApiPropertyOptional({ description: "part of the claimant's name, case-insensitive", maxLength: 200 })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  @NotContains(NUL, { message: 'claimant must not contain NUL characters' })
  claimant?: string;
  @ApiPropertyOptional({
    enum: RATINGS,
    description: 'claims whose current (submitted or approved) verdict has this rating; verdicts of this rating',
  })
  @IsOptional()
  @IsIn(RATINGS)
  rating?: string;
  @ApiPropertyOptional({
    format: 'date-time',
    description: 'hits created at or after this: claim extracted, verdict submitted, article received',
  })
  @IsOptional()
  @Type(() => Date)
  @IsDate({ message: 'from must be an ISO-8601 date or date-time' })
  from?: Date;
  @ApiPropertyOptional({ format: 'date-time', description: 'hits created at or before this' })
  @IsOptional()
  @Type(() => Date)
  @IsDate({ message: 'to must be an ISO-8601 date or date-time' })
  to?: Date;
}
