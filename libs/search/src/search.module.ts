import { Module } from '@nestjs/common';
import { ClaimsModule } from '@claimdesk/claims';
import { SearchRepository } from './search.repository';
import { SearchService } from './search.service';

@Module({
  imports: [ClaimsModule],
  providers: [SearchRepository, SearchService],
  exports: [SearchService],
})
export class SearchModule {}
