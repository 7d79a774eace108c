import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AppConfig } from '@claimdesk/config';
import { ConflictError, decodeCursor, NotFoundError, Page, Role, toPage } from '@claimdesk/common';
import { JobProducer } from '@claimdesk/queue';
import { AuthCache, AuthUser } from './auth-cache';
import { User } from './user.entity';
import { UsersRepository } from './users.repository';
import { toUserView, UserView } from './user.views';
import { hashToken, newToken } from './token';

export interface CreateUserInput {
  email: string;
  name: string;
  role: Role;
  languages?: string[];
  topics?: string[];
  capacity?: number;
}

export interface UpdateUserInput {
  capacity?: number;
  active?: boolean;
  topics?: string[];
  languages?: string[];
  role?: Role;
}

@Injectable()
export class UsersService {
  private readonly log = new Logger(UsersService.name);

  constructor(
    private readonly users: UsersRepository,
    private readonly jobs: JobProducer,
    private readonly config: AppConfig,
    @InjectDataSource() private readonly db: DataSource,
    private readonly authCache: AuthCache,
  ) {}

  /** Creates a user and returns its token, which is shown this once and stored only hashed. */
  async create(input: CreateUserInput): Promise<UserView & { token: string }> {
    const email = input.email.trim();
    if (await this.users.emailTaken(email)) throw new ConflictError(`a user with email ${email} exists`);
    const token = newToken();
    let user: User;
    try {
      user = await this.users.insert({
        email,
        name: input.name.trim(),
        role: input.role,
        languages: dedupe(input.languages),
        topics: dedupe(input.topics),
        capacity: input.capacity ?? this.config.DEFAULT_CAPACITY,
        load: 0,
        active: true,
        tokenHash: hashToken(token),
        version: 1,
      });
    } catch (err) {
      if ((err as { code?: string }).code === '23505') throw new ConflictError(`a user with email ${email} exists`);
      throw err;
    }
    if (user.role === 'reviewer') await this.wakeReviewer(user, 'created');
    return { ...toUserView(user), token };
  }

  async get(id: string): Promise<UserView> {
    return toUserView(await this.require(id));
  }

  async list(limit: number, cursor?: string, role?: string): Promise<Page<UserView>> {
    const rows = await this.users.findPageByCreated(decodeCursor(cursor), limit, role);
    return toPage(rows, limit, toUserView);
  }

  /**
   * Changes what an admin may change, under the user's row lock (the lock the assignment flow takes),
   * so the role check sees the current load and no concurrent assignment is overwritten.
   */
  async update(id: string, patch: UpdateUserInput): Promise<UserView> {
    const set = {
      ...(patch.capacity !== undefined && { capacity: patch.capacity }),
      ...(patch.active !== undefined && { active: patch.active }),
      ...(patch.topics && { topics: dedupe(patch.topics) }),
      ...(patch.languages && { languages: dedupe(patch.languages) }),
      ...(patch.role && { role: patch.role }),
    };
    const { before, after } = await this.db.transaction(async (em) => {
      const user = await this.users.lockById(em, id);
      if (!user) throw new NotFoundError('user', id);
      if (set.role && set.role !== 'reviewer' && user.role === 'reviewer' && user.load > 0) {
        throw new ConflictError(`user ${id} still holds ${user.load} claim(s); unassign them before changing the role`);
      }
      await this.users.updateFields(em, id, set);
      return { before: user, after: (await this.users.lockById(em, id))! };
    });
    if (before.active !== after.active || before.role !== after.role) await this.authCache.invalidate(id);
    // More room or a wider reach (capacity raised, reactivated, became a reviewer, new languages or
    // topics): assign waiting claims now.
    const widened = set.languages !== undefined || set.topics !== undefined;
    const moreRoom = after.capacity > before.capacity || (after.active && !before.active) || before.role !== after.role;
    if (after.role === 'reviewer' && after.active && (moreRoom || widened)) await this.wakeReviewer(after, `v${after.version}`);
    return toUserView(after);
  }

  /** Replaces the caller's token; the old one stops working at once. */
  async rotateToken(id: string): Promise<{ token: string }> {
    const token = newToken();
    if (!(await this.users.setTokenHash(id, hashToken(token)))) throw new NotFoundError('user', id);
    await this.authCache.invalidate(id);
    return { token };
  }

  async revokeToken(id: string): Promise<UserView> {
    if (!(await this.users.setTokenHash(id, null))) throw new NotFoundError('user', id);
    await this.authCache.invalidate(id);
    return this.get(id);
  }

  /** The user a bearer token belongs to, if the token is current and the user active (cached briefly, see AuthCache). */
  async authenticate(token: string): Promise<AuthUser | null> {
    const hash = hashToken(token);
    const cached = this.authCache.get(hash);
    if (cached) return cached;
    const user = await this.users.findByTokenHash(hash);
    if (!user?.active) return null;
    this.authCache.set(hash, user);
    return { id: user.id, role: user.role };
  }

  private async require(id: string): Promise<User> {
    const user = await this.users.findById(id);
    if (!user) throw new NotFoundError('user', id);
    return user;
  }

  private async wakeReviewer(user: User, cause: string): Promise<void> {
    try {
      await this.jobs.enqueue('fill-reviewer', { reviewerId: user.id, cause });
    } catch (err) {
      // Postgres holds the truth; the sweeper assigns waiting claims if this wake-up is lost.
      this.log.warn(`could not enqueue fill-reviewer for ${user.id}: ${(err as Error).message}`);
    }
  }
}

function dedupe(values?: string[]): string[] {
  return [...new Set((values ?? []).map((v) => v.trim().toLowerCase()).filter(Boolean))];
}
