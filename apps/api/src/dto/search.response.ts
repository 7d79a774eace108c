import { ApiProperty } from '@nestjs/swagger';
import { PageResponse } from './page.response';

export class SearchHighlightResponse {
  @ApiProperty({
    enum: ['text', 'summary', 'sources', 'title', 'body'],
    description: 'claim text; verdict summary or sources; article title or body',
  })
  field!: string;
  @ApiProperty({
    type: [String],
    example: ['issued from 2,400 to 3,500 <mark>confidentiality</mark> <mark>orders</mark> over the past five years'],
    description: 'HTML-escaped excerpts, each match in <mark>...</mark>: safe to render as HTML',
  })
  fragments!: string[];
}

export class SearchClaimSummaryResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() text!: string;
  @ApiProperty({ example: 'published' }) status!: string;
  @ApiProperty({ example: 'quantity' }) type!: string;
  @ApiProperty({ type: String, nullable: true }) claimant!: string | null;
}

export class SearchVerdictSummaryResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'mostly_true' }) rating!: string;
  @ApiProperty({ enum: ['submitted', 'approved'] }) status!: string;
}

export class SearchArticleSummaryResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ type: String, nullable: true }) title!: string | null;
  @ApiProperty({ type: String, nullable: true }) source!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) publishedAt!: string | null;
}

export class SearchHitResponse {
  @ApiProperty({ enum: ['claim', 'verdict', 'article'] }) kind!: string;
  @ApiProperty({ format: 'uuid', description: 'the id of the claim, verdict or article' }) id!: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'the claim (itself, or the verdict’s)' })
  claimId!: string | null;
  @ApiProperty({ format: 'uuid' }) articleId!: string;
  @ApiProperty({ description: 'ts_rank_cd relevance in [0, 1): hits come best first' }) rank!: number;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ type: [SearchHighlightResponse], description: 'the fields that matched, with excerpts' })
  highlights!: SearchHighlightResponse[];
  @ApiProperty({ type: SearchClaimSummaryResponse, nullable: true, description: 'null for an article hit' })
  claim!: SearchClaimSummaryResponse | null;
  @ApiProperty({ type: SearchVerdictSummaryResponse, nullable: true, description: 'for a verdict hit' })
  verdict!: SearchVerdictSummaryResponse | null;
  @ApiProperty({ type: SearchArticleSummaryResponse }) article!: SearchArticleSummaryResponse;
}

export class SearchPageResponse extends PageResponse {
  @ApiProperty({ type: [SearchHitResponse] }) items!: SearchHitResponse[];
}
