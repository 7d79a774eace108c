import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { Actor } from '@claimdesk/common';

/** The authenticated caller, set by the auth guard. */
export const CurrentUser = createParamDecorator((_: unknown, ctx: ExecutionContext): Actor => {
  return ctx.switchToHttp().getRequest().actor;
});
