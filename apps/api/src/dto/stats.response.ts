import { ApiProperty } from '@nestjs/swagger';
import { RATINGS } from '@claimdesk/review';

export class BacklogStatusResponse {
  @ApiProperty({ description: "a claim status, or 'open' for all claims still on the desk" }) status!: string;
  @ApiProperty() count!: number;
  @ApiProperty({ type: Number, nullable: true, description: 'open statuses only' }) oldestAgeSeconds!: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'open statuses only' }) medianAgeSeconds!: number | null;
}

export class StatsDayResponse {
  @ApiProperty({ example: '2026-12-02', description: 'UTC day' }) day!: string;
  @ApiProperty({ description: 'claims extracted' }) extracted!: number;
  @ApiProperty({ description: 'claims published (approvals, corrections included)' }) published!: number;
  @ApiProperty({ description: 'claims dismissed' }) dismissed!: number;
  @ApiProperty({ description: 'verdicts approved' }) approved!: number;
  @ApiProperty({ description: 'assignments whose deadline passed (deadline_missed events)' }) deadlineMissed!: number;
}

export class TimeToPublishResponse {
  @ApiProperty({ description: 'claims first published in the window' }) count!: number;
  @ApiProperty({ type: Number, nullable: true }) medianSeconds!: number | null;
  @ApiProperty({ type: Number, nullable: true }) p90Seconds!: number | null;
}

export class ReviewerLoadResponse {
  @ApiProperty({ format: 'uuid' }) reviewerId!: string;
  @ApiProperty() name!: string;
  @ApiProperty() active!: boolean;
  @ApiProperty({ description: 'assignments not ended' }) openAssignments!: number;
  @ApiProperty() capacity!: number;
}

export class RatingCountResponse {
  @ApiProperty({ enum: RATINGS }) rating!: string;
  @ApiProperty({ description: 'verdicts in force with this rating' }) count!: number;
}

export class StatsResponse {
  @ApiProperty({ format: 'date-time' }) generatedAt!: string;
  @ApiProperty() days!: number;
  @ApiProperty({ type: [BacklogStatusResponse] }) backlog!: BacklogStatusResponse[];
  @ApiProperty({ type: [StatsDayResponse], description: 'one per UTC day, oldest first' }) perDay!: StatsDayResponse[];
  @ApiProperty({ type: TimeToPublishResponse, description: 'from extraction to first publication' })
  timeToPublish!: TimeToPublishResponse;
  @ApiProperty({ type: [ReviewerLoadResponse] }) reviewers!: ReviewerLoadResponse[];
  @ApiProperty({ type: [RatingCountResponse] }) ratings!: RatingCountResponse[];
}
