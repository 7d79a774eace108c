import { ApiProperty } from '@nestjs/swagger';
import { UserResponse } from './user.response';

export class SessionResponse {
  @ApiProperty({ type: UserResponse }) user!: UserResponse;
  @ApiProperty({ description: 'send it in X-CSRF-Token on state changes (also in the cd_csrf cookie)' })
  csrfToken!: string;
  @ApiProperty({ format: 'date-time' }) expiresAt!: string;
}

export class InviteResponse {
  @ApiProperty({ description: 'the one-time invite token, shown once' }) token!: string;
  @ApiProperty({ description: 'the console path of the invite link', example: '/accept-invite#token=cdi_...' })
  path!: string;
  @ApiProperty({ format: 'date-time' }) expiresAt!: string;
}
