import { BadRequestException, ValidationError, ValidationPipe } from '@nestjs/common';
import type { ErrorDetail } from '@claimdesk/common';

/** Flattens nested class-validator errors to `{ field: "sources.0.url", message }`. */
export function toDetails(errors: ValidationError[], parent = ''): ErrorDetail[] {
  return errors.flatMap((e) => {
    const field = parent ? `${parent}.${e.property}` : e.property;
    const own = Object.values(e.constraints ?? {}).map((message) => ({ field, message }));
    return [...own, ...toDetails(e.children ?? [], field)];
  });
}

export class ValidationFailed extends BadRequestException {
  constructor(readonly details: ErrorDetail[]) {
    super(details.length ? details.map((d) => d.message).join('; ') : 'validation failed');
  }
}

/** One global pipe: strict DTOs, no unknown fields (no mass assignment), typed conversion. */
export function validationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    stopAtFirstError: false,
    validateCustomDecorators: true,
    exceptionFactory: (errors) => new ValidationFailed(toDetails(errors)),
  });
}
