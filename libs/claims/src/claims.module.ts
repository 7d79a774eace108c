import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { UsersModule } from '@claimdesk/users';
import { Claim } from './claim.entity';
import { ClaimEvent } from './claim-event.entity';
import { ClaimsRepository } from './claims.repository';
import { ClaimsService } from './claims.service';

@Module({
  imports: [TypeOrmModule.forFeature([Claim, ClaimEvent]), UsersModule],
  providers: [ClaimsRepository, ClaimsService],
  exports: [ClaimsService],
})
export class ClaimsModule {}
