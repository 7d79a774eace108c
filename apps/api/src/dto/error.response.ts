import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional, ApiResponse } from '@nestjs/swagger';

export class ErrorDetailResponse {
  @ApiProperty({ example: 'reviewerId' })
  field!: string;

  @ApiProperty({ example: 'reviewerId must be a UUID' })
  message!: string;
}

/** The one error shape of API.md, as built by errorBody (http/error-body.ts) and the exception filter. */
export class ErrorResponse {
  @ApiProperty({ example: 400 })
  statusCode!: number;

  @ApiProperty({ example: 'Bad Request', description: 'the HTTP reason phrase' })
  error!: string;

  @ApiProperty({ example: 'validation failed' })
  message!: string;

  @ApiProperty({ type: [ErrorDetailResponse] })
  details!: ErrorDetailResponse[];

  @ApiPropertyOptional({ format: 'uuid', description: 'the id in the x-request-id header and the logs' })
  requestId?: string;
}

const REASONS: Record<number, string> = {
  400: 'invalid input; details name each field',
  404: 'no such resource, or not visible to the caller',
  409: 'conflict: stale version or a state that does not allow this',
  413: 'body over the limit',
  415: 'unsupported content type',
};

/** The error answers a handler can give besides those of access (401/403/429) and the database (503). */
export function ApiErrors(...statuses: (keyof typeof REASONS)[]): MethodDecorator {
  return applyDecorators(
    ...statuses.map((status) => ApiResponse({ status, type: ErrorResponse, description: REASONS[status] })),
  );
}
