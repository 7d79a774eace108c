import { ApiProperty } from '@nestjs/swagger';
import { PageResponse } from './page.response';

export class UserResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'ana@example.org' }) email!: string;
  @ApiProperty({ example: 'Ana Reviewer' }) name!: string;
  @ApiProperty({ enum: ['admin', 'editor', 'reviewer'] }) role!: string;
  @ApiProperty({ type: [String], example: ['en'] }) languages!: string[];
  @ApiProperty({ type: [String], example: ['health'] }) topics!: string[];
  @ApiProperty({ description: 'open assignments a reviewer may hold at once' }) capacity!: number;
  @ApiProperty({ description: 'open assignments held now' }) load!: number;
  @ApiProperty() active!: boolean;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
}

export class UserPageResponse extends PageResponse {
  @ApiProperty({ type: [UserResponse] }) items!: UserResponse[];
}

export class TokenResponse {
  @ApiProperty({ description: 'the bearer token, shown once' }) token!: string;
}

export class CreatedUserResponse extends UserResponse {
  @ApiProperty({ description: 'the bearer token, shown once' }) token!: string;
}
