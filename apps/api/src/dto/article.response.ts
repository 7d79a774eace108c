import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { PageResponse } from './page.response';

export class ArticleResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ type: String, nullable: true }) title!: string | null;
  @ApiProperty({ type: String, nullable: true }) url!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'the canonical URL the page declares (URL ingestion)' })
  canonicalUrl!: string | null;
  @ApiProperty({ type: String, nullable: true }) source!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'the author line of a fetched or HTML page' })
  byline!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) publishedAt!: string | null;
  @ApiProperty({ description: 'ISO 639-1', example: 'en' }) language!: string;
  @ApiProperty({
    type: String,
    enum: ['full', 'unsupported-language'],
    nullable: true,
    description:
      '`full` (English: check-worthiness scores, claim types, claimants); `unsupported-language`: sentences split ' +
      'and offered unscored (`scoredBy: []`) to reviewers of the language, quantities read for fr, de and es; ' +
      'null while the language is not known',
  })
  extraction!: string | null;
  @ApiProperty({ type: String, nullable: true }) topic!: string | null;
  @ApiPropertyOptional({ description: 'the text; absent for a reviewer (least privilege)' }) body?: string;
  @ApiProperty({
    enum: ['fetching', 'received', 'extracted', 'failed'],
    description: '`fetching` while the worker fetches a URL; `language` is `und` until the page is read',
  })
  status!: string;
  @ApiProperty() claimCount!: number;
  @ApiProperty({ type: String, nullable: true, description: 'a generic reason when failed' }) error!: string | null;
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'why a `failed` article failed (fetch: 404, timeout, refused address ...); null otherwise',
  })
  failureReason!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
}

export class ArticlePageResponse extends PageResponse {
  @ApiProperty({ type: [ArticleResponse] }) items!: ArticleResponse[];
}

export class BulkArticleItemResponse {
  @ApiProperty({ description: 'position in the request, from 0' }) index!: number;
  @ApiProperty({ enum: ['created', 'duplicate', 'invalid'] }) status!: string;
  @ApiPropertyOptional({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'the new article, or the one it repeats',
  })
  id?: string | null;
  @ApiPropertyOptional({ description: 'why the item is invalid, naming the field' }) error?: string;
}

export class BulkArticlesResponse {
  @ApiProperty({ type: [BulkArticleItemResponse], description: 'one outcome per item, in the order sent' })
  items!: BulkArticleItemResponse[];
  @ApiProperty() created!: number;
  @ApiProperty() duplicate!: number;
  @ApiProperty() invalid!: number;
}
