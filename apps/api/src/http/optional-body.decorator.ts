import { createParamDecorator, ExecutionContext } from '@nestjs/common';

/** The JSON body, or `{}` when the request has none (POST /queue with no options). Validated by the global pipe. */
export const OptionalBody = createParamDecorator((_: unknown, ctx: ExecutionContext) => {
  return ctx.switchToHttp().getRequest<{ body?: unknown }>().body ?? {};
});
