import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ClaimsModule } from '@claimdesk/claims';
import { WinkClaimExtractor } from '@claimdesk/extraction';
import { Article } from './article.entity';
import { ArticlesRepository } from './articles.repository';
import { ArticlesService, CLAIM_EXTRACTOR } from './articles.service';

@Module({
  imports: [TypeOrmModule.forFeature([Article]), ClaimsModule],
  providers: [
    ArticlesRepository,
    ArticlesService,
    // Loaded once per process: the NLP model takes a moment to load and is then reused.
    { provide: CLAIM_EXTRACTOR, useFactory: () => new WinkClaimExtractor() },
  ],
  exports: [ArticlesService],
})
export class ArticlesModule {}
