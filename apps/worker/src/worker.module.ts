import { InjectQueue } from '@nestjs/bullmq';
import { Module, OnApplicationBootstrap } from '@nestjs/common';
import { Queue } from 'bullmq';
import { ArticlesModule } from '@claimdesk/articles';
import { ClaimsModule } from '@claimdesk/claims';
import { AppConfig, ConfigModule } from '@claimdesk/config';
import { DatabaseModule } from '@claimdesk/database';
import { QueueModule, QUEUES } from '@claimdesk/queue';
import { ReviewModule } from '@claimdesk/review';
import { UsersModule } from '@claimdesk/users';
import { ExtractionService } from './extraction/extraction.service';
import { JobHandlers } from './job-handlers.service';
import { AssignmentProcessor, DeadlineProcessor, ExtractionProcessor, MaintenanceProcessor } from './processors/queue-processors';
import { SweeperService } from './sweeper.service';

@Module({
  imports: [ConfigModule, DatabaseModule, QueueModule, UsersModule, ArticlesModule, ClaimsModule, ReviewModule],
  providers: [ExtractionService, JobHandlers, SweeperService, ExtractionProcessor, AssignmentProcessor, DeadlineProcessor, MaintenanceProcessor],
})
export class WorkerModule implements OnApplicationBootstrap {
  constructor(
    @InjectQueue(QUEUES.maintenance) private readonly maintenance: Queue,
    private readonly config: AppConfig,
  ) {}

  /** The sweeper is a BullMQ job scheduler: one schedule however many workers run. */
  async onApplicationBootstrap(): Promise<void> {
    await this.maintenance.upsertJobScheduler(
      'sweep',
      { every: this.config.SWEEP_INTERVAL_MS },
      { name: 'sweep', data: {}, opts: { removeOnComplete: true, removeOnFail: true } },
    );
  }
}
