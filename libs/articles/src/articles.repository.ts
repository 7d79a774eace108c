import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import { Cursor } from '@claimdesk/common';
import { Article } from './article.entity';

@Injectable()
export class ArticlesRepository {
  constructor(@InjectRepository(Article) private readonly repo: Repository<Article>) {}

  findById(id: string): Promise<Article | null> {
    return this.repo.findOneBy({ id });
  }

  findByIdForUpdate(em: EntityManager, id: string): Promise<Article | null> {
    return em.getRepository(Article).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  /** Inserts unless the url or normalized body exists; returns the new row, or null on a duplicate. */
  async insertUnlessDuplicate(values: Partial<Article>): Promise<Article | null> {
    const r = await this.repo.createQueryBuilder().insert().into(Article).values(values).orIgnore().returning('id').execute();
    const id = (r.raw as { id: string }[])[0]?.id;
    return id ? this.findById(id) : null;
  }

  findDuplicate(url: string | null, bodyHash: string): Promise<Article | null> {
    const qb = this.repo.createQueryBuilder('a').where('a.body_hash = :bodyHash', { bodyHash });
    if (url) qb.orWhere('a.url = :url', { url });
    return qb.getOne();
  }

  async markExtracted(em: EntityManager, id: string, claimCount: number): Promise<void> {
    await em.update(Article, { id }, { status: 'extracted', claimCount, error: null });
  }

  async markFailed(id: string, error: string): Promise<void> {
    await this.repo.update({ id, status: 'received' }, { status: 'failed', error: error.slice(0, 2000) });
  }

  findPage(after: Cursor | null, limit: number, status?: string): Promise<Article[]> {
    const qb = this.repo.createQueryBuilder('a').orderBy('a.created_at', 'ASC').addOrderBy('a.id', 'ASC').take(limit + 1);
    if (after) qb.andWhere('(a.created_at, a.id) > (:at, :aid)', { at: after.createdAt, aid: after.id });
    if (status) qb.andWhere('a.status = :status', { status });
    return qb.getMany();
  }

  /** Articles still waiting for extraction (the sweeper re-enqueues them). */
  async findReceivedIds(olderThan: Date, limit: number): Promise<string[]> {
    const rows = await this.repo
      .createQueryBuilder('a')
      .select('a.id', 'id')
      .where(`a.status = 'received' AND a.created_at < :olderThan`, { olderThan })
      .orderBy('a.created_at', 'ASC')
      .limit(limit)
      .getRawMany<{ id: string }>();
    return rows.map((r) => r.id);
  }
}
