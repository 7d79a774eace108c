import { Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import Redis from 'ioredis';
import type { Role } from '@claimdesk/common';
import { AppConfig } from '@claimdesk/config';

/** What authentication needs of a user; everything else is read fresh by the route. */
export interface AuthUser {
  id: string;
  role: Role;
}

const TTL_MS = 10_000;
const MAX_ENTRIES = 10_000;

/**
 * Token hash -> user, in memory, so an authenticated request costs no database round trip.
 * Changes that end or narrow access (rotate, revoke, deactivate, role change) drop the user's entries
 * here and, through Redis pub/sub, in every other api process. If that message can be lost (Redis away,
 * subscriber reconnecting) the whole cache is dropped on reconnect, and no entry lives longer than
 * TTL_MS in any case. State changes re-check the actor in their own transaction besides.
 */
@Injectable()
export class AuthCache implements OnModuleDestroy {
  private readonly log = new Logger(AuthCache.name);
  private readonly entries = new Map<string, { user: AuthUser; expires: number }>();
  private readonly channel: string;
  private sub: Redis | null = null;
  private pub: Redis | null = null;
  /** True while the subscription is confirmed: only then can no invalidation be missed, so only then we cache. */
  private subscribed = false;

  constructor(private readonly config: AppConfig) {
    this.channel = `${config.QUEUE_PREFIX}:auth:invalidate`;
  }

  get(tokenHash: string): AuthUser | null {
    this.listen();
    const hit = this.entries.get(tokenHash);
    if (!hit) return null;
    if (hit.expires < Date.now()) {
      this.entries.delete(tokenHash);
      return null;
    }
    return hit.user;
  }

  set(tokenHash: string, user: AuthUser): void {
    if (!this.subscribed) return;
    if (this.entries.size >= MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(tokenHash, { user: { id: user.id, role: user.role }, expires: Date.now() + TTL_MS });
  }

  /** Forgets the user here at once and tells the other processes; never throws (the TTL bounds a lost message). */
  async invalidate(userId: string): Promise<void> {
    this.dropUser(userId);
    this.pub ??= this.connect('publisher');
    await this.pub.publish(this.channel, userId).catch((err: Error) => {
      this.log.warn(`could not publish the invalidation of user ${userId}: ${err.message}`);
    });
  }

  async onModuleDestroy(): Promise<void> {
    this.sub?.disconnect();
    this.pub?.disconnect();
  }

  /** Subscribes on first use, so processes that never authenticate (the worker) hold no connection. */
  private listen(): void {
    if (this.sub) return;
    const sub = this.connect('subscriber');
    this.sub = sub;
    sub.on('ready', () => {
      sub.subscribe(this.channel).then(
        () => {
          this.entries.clear(); // messages sent while we were away are lost: start empty
          this.subscribed = true;
        },
        () => undefined,
      );
    });
    sub.on('close', () => {
      this.subscribed = false;
    });
    sub.on('message', (_channel: string, userId: string) => this.dropUser(userId));
  }

  private dropUser(userId: string): void {
    for (const [hash, e] of this.entries) if (e.user.id === userId) this.entries.delete(hash);
  }

  private connect(role: string): Redis {
    const r = new Redis(this.config.REDIS_URL, {
      lazyConnect: false,
      enableOfflineQueue: role === 'subscriber',
      maxRetriesPerRequest: 1,
      connectTimeout: 2000,
      commandTimeout: 1000,
    });
    r.on('error', () => undefined); // /health reports Redis; the cache simply stays empty meanwhile
    return r;
  }
}
