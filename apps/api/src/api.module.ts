import { Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { ArticlesModule } from '@claimdesk/articles';
import { ClaimsModule } from '@claimdesk/claims';
import { ConfigModule } from '@claimdesk/config';
import { DatabaseModule } from '@claimdesk/database';
import { QueueModule } from '@claimdesk/queue';
import { ReviewModule } from '@claimdesk/review';
import { UsersModule } from '@claimdesk/users';
import { ArticlesController } from './controllers/articles.controller';
import { BulkController } from './controllers/bulk.controller';
import { ClaimsController } from './controllers/claims.controller';
import { HealthController } from './controllers/health.controller';
import { UsersController } from './controllers/users.controller';
import { VerdictsController } from './controllers/verdicts.controller';
import { AllExceptionsFilter } from './http/exception.filter';

@Module({
  imports: [ConfigModule, DatabaseModule, QueueModule, UsersModule, ArticlesModule, ClaimsModule, ReviewModule],
  controllers: [
    HealthController,
    UsersController,
    ArticlesController,
    BulkController,
    ClaimsController,
    VerdictsController,
  ],
  providers: [{ provide: APP_FILTER, useClass: AllExceptionsFilter }],
})
export class ApiModule {}
