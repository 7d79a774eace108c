import { applyDecorators, SetMetadata } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCookieAuth,
  ApiForbiddenResponse,
  ApiServiceUnavailableResponse,
  ApiTooManyRequestsResponse,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import type { Role } from '@claimdesk/common';
import { ErrorResponse } from '../dto/error.response';

/** Who may call a handler: anyone, any active user, or the listed roles. */
export type Access = 'public' | 'authenticated' | readonly Role[];

export const ACCESS_METADATA = 'claimdesk:access';

/**
 * Declares who may call a handler. The route-role table (route-roles.ts) is built from these, and the
 * auth hook denies any route without one. A non-public route is documented with bearer or session-cookie
 * security (a cookie-authenticated state change also sends X-CSRF-Token) and
 * its 401/403/429/503 answers.
 */
export function Access(access: Access): MethodDecorator {
  if (access === 'public') return SetMetadata(ACCESS_METADATA, access);
  const unavailable = ApiServiceUnavailableResponse({
    type: ErrorResponse,
    description: 'PostgreSQL unreachable; Retry-After',
  });
  const who = access === 'authenticated' ? 'any active user' : `role ${access.join(' or ')}`;
  return applyDecorators(
    SetMetadata(ACCESS_METADATA, access),
    ApiBearerAuth(),
    ApiCookieAuth('session'),
    ApiUnauthorizedResponse({ type: ErrorResponse, description: 'missing, invalid or revoked bearer token' }),
    ApiForbiddenResponse({ type: ErrorResponse, description: `allowed for ${who}` }),
    ApiTooManyRequestsResponse({ type: ErrorResponse, description: 'rate limit or too many failed authentications' }),
    unavailable,
  );
}

export const EDITORS = ['admin', 'editor'] as const;
export const ADMIN = ['admin'] as const;
export const REVIEWERS = ['admin', 'reviewer'] as const;
/** Only the assignee works a claim, and only reviewers are assigned: admins steer through assignment. */
export const REVIEWER_ONLY = ['reviewer'] as const;
