import { ReviewerStatsRepository } from './reviewer-stats.repository';
import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuthCache } from './auth-cache';
import { User } from './user.entity';
import { UsersRepository } from './users.repository';
import { UsersService } from './users.service';
import { ReviewerPoolService } from './reviewer-pool.service';
import { Session } from './session.entity';
import { SessionsRepository } from './sessions.repository';
import { SessionsService } from './sessions.service';
import { LoginThrottle } from './login-throttle';

@Module({
  imports: [TypeOrmModule.forFeature([User, Session])],
  providers: [
    UsersRepository,
    UsersService,
    ReviewerPoolService,
    AuthCache,
    SessionsRepository,
    SessionsService,
    LoginThrottle,
    ReviewerStatsRepository,
  ],
  exports: [UsersService, ReviewerPoolService, SessionsService, ReviewerStatsRepository],
})
export class UsersModule {}
