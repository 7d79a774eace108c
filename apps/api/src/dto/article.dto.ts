import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMinSize,
  IsArray,
  IsAscii,
  IsIn,
  IsObject,
  IsISO8601,
  IsOptional,
  IsString,
  IsUrl,
  Matches,
  MaxLength,
  MinLength,
} from 'class-validator';
import { PageQuery } from './page.dto';

export const MAX_BODY_CHARS = 200_000;
export const MAX_HTML_CHARS = 1_000_000;

/** One of `body` (the text), `html` (a page, read with readability) or `url` alone (the worker fetches it). */
export class CreateArticleDto {
  @ApiPropertyOptional({
    minLength: 1,
    maxLength: MAX_BODY_CHARS,
    description: `the article text, at most ${MAX_BODY_CHARS} characters; or give \`html\`, or \`url\` alone`,
  })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(MAX_BODY_CHARS)
  body?: string;
  @ApiPropertyOptional({
    minLength: 1,
    maxLength: MAX_HTML_CHARS,
    description: 'an HTML page: the article (text, title, byline, date, canonical URL) is read from it',
  })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(MAX_HTML_CHARS)
  html?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(500) title?: string;
  @ApiPropertyOptional({
    description:
      'with neither `body` nor `html`, the page to fetch (202, status `fetching`); stored without tracking parameters',
  })
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
  @IsOptional() @IsIn(['fetching', 'received', 'extracted', 'failed']) status?: string;
}

export class BulkArticlesDto {
  @ApiProperty({
    type: 'array',
    items: { type: 'object', additionalProperties: true },
    description:
      'articles with the fields of `POST /v1/articles` (`body` or `html`, and the optional ones); at most ' +
      '`BULK_MAX_ARTICLES` (100 by default). Each is checked on its own: one invalid item does not stop the others.',
  })
  @IsArray()
  @ArrayMinSize(1)
  @IsObject({ each: true })
  items: Record<string, unknown>[];
}
