import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ClaimsModule } from '@claimdesk/claims';
import { UsersModule } from '@claimdesk/users';
import { Article } from './article.entity';
import { ArticlesRepository } from './articles.repository';
import { ArticlesService } from './articles.service';

/** Articles and the storage side of extraction; the extractor itself runs in the worker's threads only. */
@Module({
  imports: [TypeOrmModule.forFeature([Article]), ClaimsModule, UsersModule],
  providers: [ArticlesRepository, ArticlesService],
  exports: [ArticlesService],
})
export class ArticlesModule {}
