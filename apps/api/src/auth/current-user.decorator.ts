import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { Actor } from '@claimdesk/common';

/** The authenticated caller, set by the auth hook (apps/api/src/auth/auth.hook.ts). */
export const CurrentUser = createParamDecorator((_: unknown, ctx: ExecutionContext): Actor => {
  return ctx.switchToHttp().getRequest<{ actor: Actor }>().actor;
});
