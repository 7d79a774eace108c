import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AppConfig } from '@claimdesk/config';
import {
  Actor,
  ConflictError,
  decodeCursor,
  NotFoundError,
  Page,
  Role,
  toPage,
  UnauthenticatedError,
} from '@claimdesk/common';
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
  async create(input: CreateUserInput, actor?: Actor): Promise<UserView & { token: string }> {
    if (actor) await this.assertCurrent(this.db.manager, actor);
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

  /** Display names of the people who acted on a claim (its audit trail names them to anyone who may see it). */
  names(ids: string[]): Promise<Map<string, string>> {
    return this.users.names(ids);
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
  async update(id: string, patch: UpdateUserInput, actor?: Actor): Promise<UserView> {
    const set = {
      ...(patch.capacity !== undefined && { capacity: patch.capacity }),
      ...(patch.active !== undefined && { active: patch.active }),
      ...(patch.topics && { topics: dedupe(patch.topics) }),
      ...(patch.languages && { languages: dedupe(patch.languages) }),
      ...(patch.role && { role: patch.role }),
    };
    const { before, after } = await this.db.transaction(async (em) => {
      if (actor) await this.assertCurrent(em, actor);
      const user = await this.users.lockById(em, id);
      if (!user) throw new NotFoundError('user', id);
      if (set.role && set.role !== 'reviewer' && user.role === 'reviewer' && user.load > 0) {
        throw new ConflictError(`user ${id} still holds ${user.load} claim(s); unassign them before changing the role`);
      }
      // Deactivation revokes the token: reactivating the user does not bring it back (an admin issues a new one).
      await this.users.updateFields(em, id, set.active === false ? { ...set, tokenHash: null } : set);
      if (set.active === false) await this.users.deleteSessions(em, id);
      return { before: user, after: (await this.users.lockById(em, id))! };
    });
    if (before.active !== after.active || before.role !== after.role) await this.authCache.invalidate(id);
    // More room or a wider reach (capacity raised, reactivated, became a reviewer, new languages or
    // topics): assign waiting claims now.
    const widened = set.languages !== undefined || set.topics !== undefined;
    const moreRoom = after.capacity > before.capacity || (after.active && !before.active) || before.role !== after.role;
    if (after.role === 'reviewer' && after.active && (moreRoom || widened))
      await this.wakeReviewer(after, `v${after.version}`);
    return toUserView(after);
  }

  /** Replaces the caller's token; the old one stops working at once. */
  async rotateToken(id: string, actor?: Actor): Promise<{ token: string }> {
    return this.replaceToken(id, actor);
  }

  /** An admin gives a user a new token (shown once), e.g. after reactivation; any old one stops working. */
  async issueToken(id: string, actor: Actor): Promise<{ token: string }> {
    return this.replaceToken(id, actor, true);
  }

  async revokeToken(id: string, actor?: Actor): Promise<UserView> {
    await this.db.transaction(async (em) => {
      if (actor) await this.assertCurrent(em, actor);
      if (!(await this.users.setTokenHash(em, id, null))) throw new NotFoundError('user', id);
    });
    await this.authCache.invalidate(id);
    return this.get(id);
  }

  /**
   * Inside a state change's transaction: the actor is still active and still holds the token the request came
   * with. Authentication ran when the headers arrived; a slow body may come after a revocation or deactivation.
   * A plain read: a deactivation committed after it orders after this change, as if it had come a moment later.
   */
  /**
   * SQL that is true when the user `idExpr` is active and, when `tokenHashExpr` is not null, still holds that
   * token: assertCurrent inside another feature's statement (which may not name this table itself).
   */
  currentActorCondition(idExpr: string, tokenHashExpr: string): string {
    return `EXISTS (SELECT 1 FROM users cur WHERE cur.id = ${idExpr} AND cur.active
                      AND (${tokenHashExpr} IS NULL OR cur.token_hash = ${tokenHashExpr}))`;
  }

  async assertCurrent(em: EntityManager, actor: Actor): Promise<void> {
    if (!actor.id || actor.role === 'system') return;
    if (!(await this.users.isCurrent(em, actor.id, actor.tokenHash, actor.sessionHash))) {
      throw new UnauthenticatedError(
        'the token or session was revoked or the account deactivated while the request was under way',
      );
    }
  }

  private async replaceToken(id: string, actor: Actor | undefined, activeOnly = false): Promise<{ token: string }> {
    const token = newToken();
    await this.db.transaction(async (em) => {
      if (actor) await this.assertCurrent(em, actor);
      const user = await this.users.lockById(em, id);
      if (!user) throw new NotFoundError('user', id);
      if (activeOnly && !user.active) throw new ConflictError(`user ${id} is inactive; reactivate the user first`);
      await this.users.setTokenHash(em, id, hashToken(token));
    });
    await this.authCache.invalidate(id);
    return { token };
  }

  /**
   * The user a bearer token belongs to, if the token is current and the user active (cached briefly, see
   * AuthCache), with the token's hash for the re-check that state changes make in their transaction.
   */
  async authenticate(token: string): Promise<(AuthUser & { tokenHash: string }) | null> {
    const tokenHash = hashToken(token);
    const cached = this.authCache.get(tokenHash);
    if (cached) return { ...cached, tokenHash };
    const user = await this.users.findByTokenHash(tokenHash);
    if (!user?.active) return null;
    this.authCache.set(tokenHash, user);
    return { id: user.id, role: user.role, tokenHash };
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
