import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  IsArray,
  IsAscii,
  IsInt,
  IsOptional,
  IsString,
  IsUrl,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';

export class CreateSourceDto {
  @ApiProperty({ description: 'an RSS, Atom (or RDF, JSON Feed) feed; fetched through the SSRF guard' })
  @MaxLength(2000)
  @IsAscii({ message: 'url must be ASCII (percent-encode other characters)' })
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true }, { message: 'url must be an http(s) URL' })
  url!: string;

  @ApiPropertyOptional({
    description:
      'seconds between polls; at least SOURCE_MIN_INTERVAL_SECONDS (300), default SOURCE_DEFAULT_INTERVAL_SECONDS (900)',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(7 * 86_400)
  intervalSeconds?: number;

  @ApiPropertyOptional({ description: "ISO 639-1: the language of the feed's articles (else detected per article)" })
  @IsOptional()
  @Matches(/^[a-z]{2}$/, { message: 'language must be an ISO 639-1 code' })
  language?: string;

  @ApiPropertyOptional({
    type: [String],
    description: 'desks or beats; the first is the topic of the articles from this feed',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @MinLength(1, { each: true })
  @MaxLength(100, { each: true })
  topics?: string[];
}
