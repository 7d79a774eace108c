import { Injectable, Logger } from '@nestjs/common';
import { AppConfig } from '@claimdesk/config';
import { ConflictError, decodeCursor, NotFoundError, Page, Role, toPage } from '@claimdesk/common';
import { JobProducer } from '@claimdesk/queue';
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

  async update(id: string, patch: UpdateUserInput): Promise<UserView> {
    const user = await this.require(id);
    const before = { capacity: user.capacity, active: user.active, role: user.role };
    if (patch.role && patch.role !== 'reviewer' && user.role === 'reviewer' && user.load > 0) {
      throw new ConflictError(`user ${id} still holds ${user.load} claim(s); unassign them before changing the role`);
    }
    if (patch.capacity !== undefined) user.capacity = patch.capacity;
    if (patch.active !== undefined) user.active = patch.active;
    if (patch.topics) user.topics = dedupe(patch.topics);
    if (patch.languages) user.languages = dedupe(patch.languages);
    if (patch.role) user.role = patch.role;
    user.version += 1;
    const saved = await this.users.save(user);
    // More room for work (capacity raised, reactivated, became a reviewer): assign waiting claims now.
    const moreRoom =
      saved.capacity > before.capacity || (saved.active && !before.active) || before.role !== saved.role;
    if (saved.role === 'reviewer' && saved.active && moreRoom) await this.wakeReviewer(saved, `v${saved.version}`);
    return toUserView(saved);
  }

  /** Replaces the caller's token; the old one stops working at once. */
  async rotateToken(id: string): Promise<{ token: string }> {
    const token = newToken();
    if (!(await this.users.setTokenHash(id, hashToken(token)))) throw new NotFoundError('user', id);
    return { token };
  }

  async revokeToken(id: string): Promise<UserView> {
    if (!(await this.users.setTokenHash(id, null))) throw new NotFoundError('user', id);
    return this.get(id);
  }

  /** The user a bearer token belongs to, if the token is current and the user active. */
  async authenticate(token: string): Promise<User | null> {
    const user = await this.users.findByTokenHash(hashToken(token));
    return user && user.active ? user : null;
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
