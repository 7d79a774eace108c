import { Module } from '@nestjs/common';
import { ArticlesModule } from '@claimdesk/articles';
import { ClaimsModule } from '@claimdesk/claims';
import { ConfigModule } from '@claimdesk/config';
import { DatabaseModule } from '@claimdesk/database';
import { HealthProbes, WorkflowMetrics } from '@claimdesk/observability';
import { QueueModule } from '@claimdesk/queue';
import { ReviewModule } from '@claimdesk/review';
import { OutboundModule } from '@claimdesk/outbound';
import { SourcesModule } from '@claimdesk/sources';
import { UsersModule } from '@claimdesk/users';
import { WebhooksModule } from '@claimdesk/webhooks';
import { ExtractionService } from './extraction/extraction.service';
import { FetchService } from './fetch/fetch.service';
import { JobHandlers } from './job-handlers.service';
import { OutageMonitor } from './outage-monitor.service';
import {
  AssignmentProcessor,
  DeadlineProcessor,
  ExtractionProcessor,
  FetchProcessor,
  MaintenanceProcessor,
  SourcesProcessor,
  WebhookProcessor,
} from './processors/queue-processors';
import { SweeperService } from './sweeper.service';
import { WorkerHttpServer } from './worker-http.service';

@Module({
  imports: [
    ConfigModule,
    DatabaseModule,
    QueueModule,
    UsersModule,
    ArticlesModule,
    ClaimsModule,
    ReviewModule,
    OutboundModule,
    SourcesModule,
    WebhooksModule,
  ],
  providers: [
    ExtractionService,
    JobHandlers,
    SweeperService,
    OutageMonitor,
    ExtractionProcessor,
    AssignmentProcessor,
    DeadlineProcessor,
    MaintenanceProcessor,
    HealthProbes,
    WorkflowMetrics,
    WorkerHttpServer,
    FetchService,
    FetchProcessor,
    SourcesProcessor,
    WebhookProcessor,
  ],
})
export class WorkerModule {}
