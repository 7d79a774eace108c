import { Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { ArticlesModule } from '@claimdesk/articles';
import { ClaimsModule } from '@claimdesk/claims';
import { ConfigModule } from '@claimdesk/config';
import { DatabaseModule } from '@claimdesk/database';
import { HealthProbes, WorkflowMetrics } from '@claimdesk/observability';
import { QueueModule } from '@claimdesk/queue';
import { ReviewModule } from '@claimdesk/review';
import { SourcesModule } from '@claimdesk/sources';
import { SearchModule } from '@claimdesk/search';
import { UsersModule } from '@claimdesk/users';
import { WebhooksModule } from '@claimdesk/webhooks';
import { API_CONTROLLERS } from './controllers';
import { StatsService } from './stats/stats.service';
import { ClaimsExportService } from './export/claims-export.service';
import { AllExceptionsFilter } from './http/exception.filter';

@Module({
  imports: [
    ConfigModule,
    DatabaseModule,
    QueueModule,
    UsersModule,
    ArticlesModule,
    ClaimsModule,
    ReviewModule,
    SourcesModule,
    WebhooksModule,
    SearchModule,
  ],
  controllers: API_CONTROLLERS,
  providers: [
    { provide: APP_FILTER, useClass: AllExceptionsFilter },
    WorkflowMetrics,
    HealthProbes,
    StatsService,
    ClaimsExportService,
  ],
})
export class ApiModule {}
