import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { RATINGS } from '@claimdesk/review';
import { PageResponse } from './page.response';

export class VerdictSourceResponse {
  @ApiProperty({ example: 'https://example.org/source' }) url!: string;
  @ApiPropertyOptional() title?: string;
}

export class VerdictResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) claimId!: string;
  @ApiProperty({ description: '1 for the first verdict of a claim, then one more per correction' }) version!: number;
  @ApiProperty({ enum: RATINGS }) rating!: string;
  @ApiProperty() summary!: string;
  @ApiProperty({ type: [VerdictSourceResponse] }) sources!: VerdictSourceResponse[];
  @ApiProperty({ enum: ['submitted', 'approved', 'rejected', 'superseded'] }) status!: string;
  @ApiProperty({ format: 'uuid' }) authorId!: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) reviewerId!: string | null;
  @ApiProperty({ type: String, nullable: true }) reviewComment!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) reviewedAt!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
}

export class VerdictListResponse extends PageResponse {
  @ApiProperty({ type: [VerdictResponse] }) items!: VerdictResponse[];
}
