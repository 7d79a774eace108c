import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash, randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { AppConfig } from '@claimdesk/config';
import {
  Actor,
  ConflictError,
  InvalidError,
  NotFoundError,
  RateLimitedError,
  Role,
  UnauthenticatedError,
} from '@claimdesk/common';
import { LoginThrottle } from './login-throttle';
import { dummyHash, hashPassword, passwordProblem, verifyPassword } from './password';
import { SessionsRepository } from './sessions.repository';
import { hashToken } from './token';
import { UsersService } from './users.service';
import type { UserView } from './user.views';

export interface SignedIn {
  /** The session cookie's value (shown to the browser only, stored hashed). */
  token: string;
  /** The value a cookie-authenticated state change must send in `X-CSRF-Token`. */
  csrfToken: string;
  expiresAt: Date;
  user: UserView;
}

/** The CSRF token of a session: derived from its secret token, so a page on another origin cannot know it. */
export function csrfTokenFor(sessionToken: string): string {
  return createHash('sha256').update(`csrf:${sessionToken}`, 'utf8').digest('base64url');
}

/**
 * Console sign-in: email + password (scrypt) gives a server-side session with an expiry; sign-out and
 * deactivation delete sessions, so they end at once. Admins invite a user with a one-time link.
 */
@Injectable()
export class SessionsService {
  constructor(
    private readonly sessions: SessionsRepository,
    private readonly users: UsersService,
    private readonly throttle: LoginThrottle,
    private readonly config: AppConfig,
    @InjectDataSource() private readonly db: DataSource,
  ) {}

  async login(email: string, password: string, ip: string): Promise<SignedIn> {
    const wait = await this.throttle.blocked(email, ip);
    if (wait !== null) throw new RateLimitedError(`too many failed sign-ins; try again in ${wait} s`, wait);
    const row = await this.sessions.passwordHashByEmail(email);
    // Unknown email, no password yet, or inactive: the same scrypt cost and the same answer as a wrong password.
    const ok = await verifyPassword(password, row?.hash ?? (await dummyHash()));
    if (!row || !row.hash || !row.active || !ok) {
      await this.throttle.failed(email, ip);
      throw new UnauthenticatedError('wrong email or password');
    }
    await this.throttle.succeeded(email);
    return this.start(row.id);
  }

  async logout(sessionHash: string | undefined): Promise<void> {
    if (sessionHash) await this.sessions.delete(sessionHash);
  }

  /** The user a session cookie belongs to, while the session is current and the user active. */
  async authenticate(token: string): Promise<{ id: string; role: Role; sessionHash: string } | null> {
    const sessionHash = hashToken(token);
    const s = await this.sessions.findCurrent(sessionHash);
    return s ? { id: s.userId, role: s.role, sessionHash } : null;
  }

  /** A one-time invite link's token for the user (replacing any earlier one), valid INVITE_TTL_SECONDS. */
  async invite(userId: string, actor: Actor): Promise<{ token: string; expiresAt: Date }> {
    const token = `cdi_${randomBytes(32).toString('base64url')}`;
    const expiresAt = await this.db.transaction(async (em) => {
      await this.users.assertCurrent(em, actor);
      const at = await this.sessions.setInvite(em, userId, hashToken(token), this.config.INVITE_TTL_SECONDS);
      if (!at) {
        if (!(await this.sessions.exists(userId))) throw new NotFoundError('user', userId);
        throw new ConflictError(`user ${userId} is inactive; reactivate the user first`);
      }
      return at;
    });
    return { token, expiresAt };
  }

  /** Sets the password from an invite (used up here) and signs the user in; the user's other sessions end. */
  async acceptInvite(token: string, password: string): Promise<SignedIn> {
    const problem = passwordProblem(password);
    if (problem) throw new InvalidError('password', problem);
    const hash = await hashPassword(password);
    const userId = await this.db.transaction(async (em) => {
      const id = await this.sessions.consumeInvite(em, hashToken(token));
      if (!id)
        throw new UnauthenticatedError('this invite link is invalid, used or expired; ask an admin for a new one');
      await this.sessions.setPassword(em, id, hash);
      await this.sessions.deleteForUser(em, id);
      return id;
    });
    return this.start(userId);
  }

  /** Sets a user's password (the CLI's --password-stdin); their sessions end. */
  async setPassword(userId: string, password: string): Promise<void> {
    const problem = passwordProblem(password);
    if (problem) throw new InvalidError('password', problem);
    const hash = await hashPassword(password);
    await this.db.transaction(async (em) => {
      if (!(await this.sessions.setPassword(em, userId, hash))) throw new NotFoundError('user', userId);
      await this.sessions.deleteForUser(em, userId);
    });
  }

  private async start(userId: string): Promise<SignedIn> {
    const token = `cds_${randomBytes(32).toString('base64url')}`;
    const expiresAt = await this.db.transaction((em) =>
      this.sessions.insert(em, hashToken(token), userId, this.config.SESSION_TTL_SECONDS),
    );
    return { token, csrfToken: csrfTokenFor(token), expiresAt, user: await this.users.get(userId) };
  }
}
