import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { PageResponse } from './page.response';

export class ArticleResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ type: String, nullable: true }) title!: string | null;
  @ApiProperty({ type: String, nullable: true }) url!: string | null;
  @ApiProperty({ type: String, nullable: true }) source!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) publishedAt!: string | null;
  @ApiProperty({ description: 'ISO 639-1', example: 'en' }) language!: string;
  @ApiProperty({ type: String, nullable: true }) topic!: string | null;
  @ApiPropertyOptional({ description: 'the text; absent for a reviewer (least privilege)' }) body?: string;
  @ApiProperty({ enum: ['received', 'extracted', 'failed'] }) status!: string;
  @ApiProperty() claimCount!: number;
  @ApiProperty({ type: String, nullable: true, description: 'a generic reason when failed' }) error!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
}

export class ArticlePageResponse extends PageResponse {
  @ApiProperty({ type: [ArticleResponse] }) items!: ArticleResponse[];
}
