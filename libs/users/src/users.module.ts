import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuthCache } from './auth-cache';
import { User } from './user.entity';
import { UsersRepository } from './users.repository';
import { UsersService } from './users.service';
import { ReviewerPoolService } from './reviewer-pool.service';

@Module({
  imports: [TypeOrmModule.forFeature([User])],
  providers: [UsersRepository, UsersService, ReviewerPoolService, AuthCache],
  exports: [UsersService, ReviewerPoolService],
})
export class UsersModule {}
