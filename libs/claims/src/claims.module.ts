import { ClaimStatsRepository } from './claim-stats.repository';
import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { UsersModule } from '@claimdesk/users';
import { WebhooksModule } from '@claimdesk/webhooks';
import { Claim } from './claim.entity';
import { ClaimEvent } from './claim-event.entity';
import { ClaimsRepository } from './claims.repository';
import { ClaimsService } from './claims.service';
import { ClaimTermsRepository } from './claim-terms.repository';
import { MatchesRepository } from './matches.repository';
import { ClaimMatch } from './claim-match.entity';

@Module({
  imports: [TypeOrmModule.forFeature([Claim, ClaimEvent, ClaimMatch]), UsersModule, WebhooksModule],
  providers: [ClaimsRepository, MatchesRepository, ClaimTermsRepository, ClaimsService, ClaimStatsRepository],
  exports: [ClaimsService, ClaimStatsRepository],
})
export class ClaimsModule {}
