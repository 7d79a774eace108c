import { ReviewStatsRepository } from './review-stats.repository';
import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ArticlesModule } from '@claimdesk/articles';
import { ClaimsModule } from '@claimdesk/claims';
import { UsersModule } from '@claimdesk/users';
import { Assignment } from './assignment.entity';
import { AssignmentService } from './assignment.service';
import { AssignmentsRepository } from './assignments.repository';
import { ClaimDetailService } from './claim-detail.service';
import { Verdict } from './verdict.entity';
import { VerdictService } from './verdict.service';
import { VerdictsRepository } from './verdicts.repository';
import { ReviewerAdminService } from './reviewer-admin.service';

@Module({
  imports: [TypeOrmModule.forFeature([Assignment, Verdict]), ClaimsModule, UsersModule, ArticlesModule],
  providers: [
    AssignmentsRepository,
    VerdictsRepository,
    AssignmentService,
    VerdictService,
    ClaimDetailService,
    ReviewerAdminService,
    ReviewStatsRepository,
  ],
  exports: [AssignmentService, VerdictService, ClaimDetailService, ReviewerAdminService, ReviewStatsRepository],
})
export class ReviewModule {}
