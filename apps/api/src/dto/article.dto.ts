import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsAscii, IsIn, IsISO8601, IsOptional, IsString, IsUrl, Matches, MaxLength, MinLength } from 'class-validator';
import { PageQuery } from './page.dto';

export const MAX_BODY_CHARS = 200_000;

export class CreateArticleDto {
  @ApiProperty({
    minLength: 1,
    maxLength: MAX_BODY_CHARS,
    description: `the article text, at most ${MAX_BODY_CHARS} characters`,
  })
  @IsString()
  @MinLength(1)
  @MaxLength(MAX_BODY_CHARS)
  body: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(500) title?: string;
  @ApiPropertyOptional()
  @IsOptional()
  @MaxLength(2000)
  @IsAscii({ message: 'url must be ASCII (percent-encode other characters)' })
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true }, { message: 'url must be an http(s) URL' })
  url?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(200) source?: string;
  @ApiPropertyOptional() @IsOptional() @IsISO8601({ strict: true }) publishedAt?: string;
  @ApiPropertyOptional({ description: 'desk or beat; its claims go to reviewers with this topic (or none listed)' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  topic?: string;
  @ApiPropertyOptional({ description: 'ISO 639-1' })
  @IsOptional()
  @Matches(/^[a-z]{2}$/, { message: 'language must be an ISO 639-1 code' })
  language?: string;
}

export class ListArticlesQuery extends PageQuery {
  @IsOptional() @IsIn(['received', 'extracted', 'failed']) status?: string;
}
