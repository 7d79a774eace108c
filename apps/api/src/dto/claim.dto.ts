import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  IsBoolean,
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsInt,
  IsNumber,
  IsOptional,
  IsString,
  IsUUID,
  IsUrl,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { CLAIM_STATUSES } from '@claimdesk/claims';
import { CLAIM_TYPES } from '@claimdesk/extraction';
import { RATINGS, Rating } from '@claimdesk/review';
import { PageQuery } from './page.dto';

export class ListClaimsQuery extends PageQuery {
  @IsOptional() @IsUUID() articleId?: string;
  @IsOptional() @IsIn(CLAIM_STATUSES) status?: (typeof CLAIM_STATUSES)[number];
  @IsOptional() @IsUUID() assigneeId?: string;
  @IsOptional() @IsIn(CLAIM_TYPES) type?: string;
  @IsOptional() @IsString() @MaxLength(200) q?: string;
  @IsOptional() @Type(() => Number) @IsNumber() @Min(0) @Max(1) minScore?: number;
  @ApiPropertyOptional({ description: 'only claims with (true) or without (false) a suggested or confirmed match' })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  hasMatch?: boolean;
}

/** Every state-changing claim route takes the claim's `version` to refuse stale writes. */
export class VersionDto {
  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(1) version?: number;
}

export class DismissDto extends VersionDto {
  @ApiProperty() @IsString() @MinLength(1) @MaxLength(2000) reason: string;
}

export class AssignDto extends VersionDto {
  @ApiProperty() @IsUUID() reviewerId: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(2000) reason?: string;
}

export class UnassignDto extends VersionDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(2000) reason?: string;
}

export class SourceDto {
  @ApiProperty()
  @MaxLength(2000)
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true }, { message: 'url must be an http(s) URL' })
  url: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(500) title?: string;
}

export class VerdictDto extends VersionDto {
  @ApiProperty({ enum: RATINGS }) @IsIn(RATINGS) rating: Rating;
  @ApiProperty() @IsString() @MinLength(1) @MaxLength(10_000) summary: string;
  @ApiProperty({ type: [SourceDto] })
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => SourceDto)
  sources: SourceDto[];
}

export class RejectDto {
  @ApiProperty() @IsString() @MinLength(1) @MaxLength(5000) comment: string;
}

export class BulkIdsDto {
  @ApiProperty({ type: [String] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(200)
  @IsUUID('all', { each: true })
  ids: string[];
}

export class BulkDismissDto extends BulkIdsDto {
  @ApiProperty() @IsString() @MinLength(1) @MaxLength(2000) reason: string;
}

export class BulkAssignDto extends BulkIdsDto {
  @ApiProperty() @IsUUID() reviewerId: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(2000) reason?: string;
}
