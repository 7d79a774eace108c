import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { rawQuery } from '@claimdesk/database';
import { User } from './user.entity';

export interface ReviewerCapacity {
  id: string;
  name: string;
  active: boolean;
  capacity: number;
}

/** The reviewers and their capacity, for `/v1/stats`' per-reviewer load. */
@Injectable()
export class ReviewerStatsRepository {
  constructor(@InjectRepository(User) private readonly users: Repository<User>) {}

  capacities(): Promise<ReviewerCapacity[]> {
    return this.q(`SELECT id, name, active, capacity FROM users WHERE role = 'reviewer' ORDER BY name, id`);
  }

  private async q<T extends object>(sql: string, params: unknown[] = []): Promise<T[]> {
    return (await rawQuery<T>(this.users.manager, sql, params)).rows;
  }
}
