import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfig } from '@claimdesk/config';
import { dataSourceOptions } from './data-source-options';

/** The one TypeORM connection. Feature modules register their own entities (autoLoadEntities). */
@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({ ...dataSourceOptions(config.DATABASE_URL), autoLoadEntities: true }),
    }),
  ],
})
export class DatabaseModule {}
