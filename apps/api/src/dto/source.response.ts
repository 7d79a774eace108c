import { ApiProperty } from '@nestjs/swagger';
import { PageResponse } from './page.response';

export class SourceHealthResponse {
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) lastFetchAt!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) lastSuccessAt!: string | null;
  @ApiProperty({ type: Number, nullable: true, description: 'HTTP status of the last answer (304: not modified)' })
  lastStatus!: number | null;
  @ApiProperty({ type: String, nullable: true, description: 'the last failure (kept after a later success)' })
  lastError!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) lastErrorAt!: string | null;
  @ApiProperty({ description: 'failed polls in a row (0 after a success)' }) consecutiveFailures!: number;
  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'backed off after failures: no poll before this time',
  })
  nextFetchAt!: string | null;
  @ApiProperty({ description: 'failed SOURCE_FLAG_AFTER_FAILURES (5) times in a row; cleared by a success or resume' })
  flagged!: boolean;
  @ApiProperty({ description: 'distinct items seen in the feed' }) itemsSeen!: number;
  @ApiProperty({ description: 'articles created from its items (repeats of stored articles not counted)' })
  articlesCreated!: number;
}

export class SourceResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() url!: string;
  @ApiProperty({ type: String, nullable: true, description: "the feed's own title, once fetched" })
  title!: string | null;
  @ApiProperty() intervalSeconds!: number;
  @ApiProperty({ type: String, nullable: true, description: 'ISO 639-1' }) language!: string | null;
  @ApiProperty({ type: [String] }) topics!: string[];
  @ApiProperty({ enum: ['active', 'paused'] }) status!: string;
  @ApiProperty({ type: SourceHealthResponse }) health!: SourceHealthResponse;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) createdBy!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
}

export class SourcePageResponse extends PageResponse {
  @ApiProperty({ type: [SourceResponse] }) items!: SourceResponse[];
}

export class SourceFetchResponse {
  @ApiProperty({ format: 'date-time' }) startedAt!: string;
  @ApiProperty() durationMs!: number;
  @ApiProperty({ enum: ['ok', 'not-modified', 'error'] }) outcome!: string;
  @ApiProperty({ type: Number, nullable: true }) httpStatus!: number | null;
  @ApiProperty({ description: 'sent If-None-Match or If-Modified-Since' }) conditional!: boolean;
  @ApiProperty({ description: 'items in the feed' }) items!: number;
  @ApiProperty({ description: 'items not seen before' }) newItems!: number;
  @ApiProperty() articlesCreated!: number;
  @ApiProperty({ type: String, nullable: true }) error!: string | null;
}

export class SourceFetchPageResponse extends PageResponse {
  @ApiProperty({ type: [SourceFetchResponse] }) items!: SourceFetchResponse[];
}

export class SourceEventResponse {
  @ApiProperty({ enum: ['created', 'paused', 'resumed', 'deleted', 'flagged'] }) type!: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'null for the system (flagged)' })
  actorId!: string | null;
  @ApiProperty({ format: 'date-time' }) at!: string;
  @ApiProperty({ type: 'object', additionalProperties: true }) data!: Record<string, unknown>;
}

export class SourceEventsResponse {
  @ApiProperty({ type: [SourceEventResponse] }) items!: SourceEventResponse[];
  @ApiProperty({ type: String, nullable: true, description: 'always null: the whole trail' }) nextCursor!: null;
}
