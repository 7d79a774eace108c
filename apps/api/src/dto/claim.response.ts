import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { PageResponse } from './page.response';
import { VerdictResponse } from './verdict.response';

export class SpanResponse {
  @ApiProperty({ description: 'UTF-16 offset in the article body' }) start!: number;
  @ApiProperty() end!: number;
}

export class QuantityResponse {
  @ApiProperty({ example: 'from 2,400 to 3,500 confidentiality orders' }) text!: string;
  @ApiPropertyOptional() value?: number;
  @ApiPropertyOptional() min?: number;
  @ApiPropertyOptional() max?: number;
  @ApiPropertyOptional({ example: 'confidentiality orders' }) unit?: string;
  @ApiPropertyOptional({ example: 'from' }) qualifier?: string;
  @ApiPropertyOptional({ description: 'a vague amount ("millions of"): value, min and max are only what is known' })
  approximate?: boolean;
}

export class ClaimResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) articleId!: string;
  @ApiProperty() text!: string;
  @ApiProperty() sentence!: string;
  @ApiProperty({ enum: ['title', 'body'], description: 'where the claim was read: the title or the body' })
  section!: string;
  @ApiProperty({ type: SpanResponse, nullable: true, description: 'the sentence in the body; null for a title claim' })
  span!: SpanResponse | null;
  @ApiProperty({ type: String, nullable: true }) claimant!: string | null;
  @ApiProperty({ example: 'statistical' }) type!: string;
  @ApiProperty({ description: 'check-worthiness, 0 to 1' }) score!: number;
  @ApiProperty({
    type: [String],
    example: ['fast', 'encoder'],
    description: "stages that scored it: 'fast' (linear model), 'encoder' (sentence encoder, stage 2)",
  })
  scoredBy!: string[];
  @ApiProperty({ type: [QuantityResponse] }) quantities!: QuantityResponse[];
  @ApiProperty({ example: 'en' }) language!: string;
  @ApiProperty({ type: String, nullable: true }) topic!: string | null;
  @ApiProperty({ example: 'queued' }) status!: string;
  @ApiProperty() priority!: number;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) assigneeId!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) dueAt!: string | null;
  @ApiProperty({ description: 'optimistic concurrency: send it back to change the claim' }) version!: number;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'for a duplicate: the claim it repeats' })
  originalId!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
}

export class ClaimPageResponse extends PageResponse {
  @ApiProperty({ type: [ClaimResponse] }) items!: ClaimResponse[];
}

export class ClaimArticleResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ type: String, nullable: true }) title!: string | null;
  @ApiProperty({ type: String, nullable: true }) url!: string | null;
  @ApiProperty({ type: String, nullable: true }) source!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) publishedAt!: string | null;
}

export class ClaimContextResponse {
  @ApiProperty({ description: 'text of the article just before the claim' }) before!: string;
  @ApiProperty({ description: 'text just after it' }) after!: string;
}

export class ClaimOriginalResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'published' }) status!: string;
  @ApiProperty({ type: VerdictResponse, nullable: true, description: "the original's published verdict" })
  verdict!: VerdictResponse | null;
}

export class ClaimDetailResponse extends ClaimResponse {
  @ApiPropertyOptional({ type: ClaimOriginalResponse, description: 'for a duplicate: the claim it repeats' })
  original?: ClaimOriginalResponse;
  @ApiPropertyOptional({ type: ClaimArticleResponse, description: 'absent when the article cannot be read' })
  article?: ClaimArticleResponse;
  @ApiProperty({ type: ClaimContextResponse, nullable: true }) context!: ClaimContextResponse | null;
}

export class ClaimEventResponse {
  @ApiProperty({ example: '42', description: 'a 64-bit integer, as a string; ascending in time' }) id!: string;
  @ApiProperty({ example: 'transition' }) type!: string;
  @ApiProperty({ type: String, nullable: true }) fromStatus!: string | null;
  @ApiProperty({ type: String, nullable: true }) toStatus!: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) actorId!: string | null;
  @ApiProperty({ type: String, nullable: true, description: "the actor's display name; null for the system" })
  actorName!: string | null;
  @ApiProperty({ format: 'date-time' }) at!: string;
  @ApiProperty({ type: 'object', additionalProperties: true }) data!: Record<string, unknown>;
}

export class ClaimEventListResponse extends PageResponse {
  @ApiProperty({ type: [ClaimEventResponse] }) items!: ClaimEventResponse[];
}

export class AssignmentResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) reviewerId!: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) assignedBy!: string | null;
  @ApiProperty({ type: String, nullable: true }) reason!: string | null;
  @ApiProperty({ format: 'date-time' }) assignedAt!: string;
  @ApiProperty({ format: 'date-time' }) dueAt!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) endedAt!: string | null;
  @ApiProperty({ type: String, nullable: true }) endReason!: string | null;
}

export class AssignmentListResponse extends PageResponse {
  @ApiProperty({ type: [AssignmentResponse] }) items!: AssignmentResponse[];
}

export class MyAssignmentResponse {
  @ApiProperty({ format: 'uuid' }) assignmentId!: string;
  @ApiProperty({ format: 'date-time' }) assignedAt!: string;
  @ApiProperty({ format: 'date-time' }) dueAt!: string;
  @ApiProperty({ type: ClaimResponse }) claim!: ClaimResponse;
}

export class MyAssignmentListResponse extends PageResponse {
  @ApiProperty({ type: [MyAssignmentResponse] }) items!: MyAssignmentResponse[];
}

export class BulkItemResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() ok!: boolean;
  @ApiPropertyOptional({ description: "the claim's status after, when ok" }) status?: string;
  @ApiPropertyOptional({ description: 'why this one was refused, when not ok' }) error?: string;
}

export class BulkResponse {
  @ApiProperty({ type: [BulkItemResponse], description: 'one outcome per id, in the order asked' })
  items!: BulkItemResponse[];
}

/** schema.org ClaimReview (JSON-LD) of the published verdict. */
export class ClaimReviewResponse {
  @ApiProperty({ example: 'https://schema.org' }) '@context'!: string;
  @ApiProperty({ example: 'ClaimReview' }) '@type'!: string;
  [key: string]: unknown;
}

export class ClaimReviewPageResponse extends PageResponse {
  @ApiProperty({ type: [ClaimReviewResponse] }) items!: ClaimReviewResponse[];
}

export class ClaimMatchResponse {
  @ApiProperty({ format: 'uuid', description: 'the other claim' }) claimId!: string;
  @ApiProperty({ enum: ['earlier', 'later'], description: 'earlier: the other came first (this may repeat it)' })
  direction!: 'earlier' | 'later';
  @ApiProperty({ description: 'match score, 0 to 1 (1: the same words)' }) score!: number;
  @ApiProperty({ enum: ['suggested', 'confirmed', 'rejected'] }) status!: 'suggested' | 'confirmed' | 'rejected';
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
}

export class ClaimMatchListResponse extends PageResponse {
  @ApiProperty({ type: [ClaimMatchResponse] }) items!: ClaimMatchResponse[];
}
