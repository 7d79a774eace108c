import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

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
