import { BadRequestException, ValidationError, ValidationPipe } from '@nestjs/common';
import type { ErrorDetail } from '@claimdesk/common';

// A value of the wrong type fails every other check too; its type is then the one thing to say.
const TYPE_CHECKS = ['isString', 'isInt', 'isNumber', 'isBoolean', 'isArray', 'isObject', 'isUuid', 'isEnum'];

/**
 * Flattens nested class-validator errors to `{ field: "sources.0.url", message }`, one clear message per
 * field where several would contradict each other: a missing field is "required" (not "too short" and "too
 * long" at once), a value of the wrong type names the type expected.
 */
export function toDetails(errors: ValidationError[], parent = ''): ErrorDetail[] {
  return errors.flatMap((e) => {
    const field = parent ? `${parent}.${e.property}` : e.property;
    const constraints = e.constraints ?? {};
    let messages = Object.values(constraints);
    if (messages.length && e.value === undefined && !constraints.whitelistValidation)
      messages = [`${field} is required`];
    else {
      const type = TYPE_CHECKS.find((k) => constraints[k]);
      if (type) messages = [constraints[type]];
    }
    return [...messages.map((message) => ({ field, message })), ...toDetails(e.children ?? [], field)];
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
