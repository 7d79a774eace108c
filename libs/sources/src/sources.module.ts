import { Module } from '@nestjs/common';
import { ArticlesModule } from '@claimdesk/articles';
import { OutboundModule } from '@claimdesk/outbound';
import { UsersModule } from '@claimdesk/users';
import { SourcePoller } from './source-poller.service';
import { SourcesRepository } from './sources.repository';
import { SourcesService } from './sources.service';

/** Feed sources: the api manages them (SourcesService), the worker polls them (SourcePoller). */
@Module({
  imports: [UsersModule, ArticlesModule, OutboundModule],
  providers: [SourcesRepository, SourcesService, SourcePoller],
  exports: [SourcesService, SourcePoller],
})
export class SourcesModule {}
