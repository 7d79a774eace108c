import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsEmail,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';
import { ROLES, Role } from '@claimdesk/common';
import { PageQuery } from './page.dto';

const LANG = /^[a-z]{2}$/;

/** A reviewer's capacity: open assignments at once. */
export const MAX_CAPACITY = 1000;

export class CreateUserDto {
  @ApiProperty() @IsEmail() @MaxLength(254) email: string;
  @ApiProperty() @IsString() @MinLength(1) @MaxLength(200) name: string;
  @ApiProperty({ enum: ROLES }) @IsIn(ROLES) role: Role;
  @ApiPropertyOptional({ type: [String], description: 'ISO 639-1 codes; empty = any language' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @Matches(LANG, { each: true, message: 'languages must be ISO 639-1 codes' })
  languages?: string[];
  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @IsString({ each: true })
  @MaxLength(100, { each: true })
  topics?: string[];
  @ApiPropertyOptional({ default: 10, minimum: 0, maximum: MAX_CAPACITY, description: 'open assignments at once' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(MAX_CAPACITY)
  capacity?: number;
}

export class UpdateUserDto {
  @ApiPropertyOptional({ minimum: 0, maximum: MAX_CAPACITY, description: 'open assignments at once' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(MAX_CAPACITY)
  capacity?: number;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() active?: boolean;
  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @IsString({ each: true })
  @MaxLength(100, { each: true })
  topics?: string[];
  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @Matches(LANG, { each: true, message: 'languages must be ISO 639-1 codes' })
  languages?: string[];
  @ApiPropertyOptional({ enum: ROLES }) @IsOptional() @IsIn(ROLES) role?: Role;
}

export class ListUsersQuery extends PageQuery {
  @IsOptional() @IsIn(ROLES) role?: Role;
}
