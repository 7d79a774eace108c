import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ClaimsModule } from '@claimdesk/claims';
import { ClaimExtractor, WinkClaimExtractor } from '@claimdesk/extraction';
import { Article } from './article.entity';
import { ArticlesRepository } from './articles.repository';
import { ArticlesService, CLAIM_EXTRACTOR } from './articles.service';

function lazyExtractor(create: () => ClaimExtractor): ClaimExtractor {
  let instance: ClaimExtractor | null = null;
  return { extract: (article, options) => (instance ??= create()).extract(article, options) };
}

@Module({
  imports: [TypeOrmModule.forFeature([Article]), ClaimsModule],
  providers: [
    ArticlesRepository,
    ArticlesService,
    // Loaded on first use, once per process: the worker pays for the NLP model (~100 MiB), the api never does.
    { provide: CLAIM_EXTRACTOR, useFactory: (): ClaimExtractor => lazyExtractor(() => new WinkClaimExtractor()) },
  ],
  exports: [ArticlesService],
})
export class ArticlesModule {}
