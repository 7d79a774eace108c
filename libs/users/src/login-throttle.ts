import { Injectable, OnModuleDestroy } from '@nestjs/common';
import Redis from 'ioredis';
import { AppConfig } from '@claimdesk/config';

/**
 * Failed sign-ins, counted in Redis (shared by every api process) per account and per address within
 * LOGIN_FAILURE_WINDOW_SECONDS. Past LOGIN_MAX_FAILURES for the account (or four times that for the address)
 * sign-in answers 429 until the window ends, even with the right password: guessing gains nothing.
 * With Redis away the counts are skipped (sign-in still costs an scrypt per attempt).
 */
@Injectable()
export class LoginThrottle implements OnModuleDestroy {
  private redis: Redis | null = null;

  constructor(private readonly config: AppConfig) {}

  /** Seconds to wait when the account or address is locked out, else null. */
  async blocked(email: string, ip: string): Promise<number | null> {
    try {
      const r = this.client();
      const [acct, addr] = this.keys(email, ip);
      const res = await r.multi().get(acct).pttl(acct).get(addr).pttl(addr).exec();
      const over = (i: number, max: number) => Number(res?.[i]?.[1] ?? 0) >= max;
      const ttl = (i: number) => Math.max(1, Math.ceil(Number(res?.[i]?.[1] ?? 1000) / 1000));
      if (over(0, this.config.LOGIN_MAX_FAILURES)) return ttl(1);
      if (over(2, this.config.LOGIN_MAX_FAILURES * 4)) return ttl(3);
      return null;
    } catch {
      return null;
    }
  }

  async failed(email: string, ip: string): Promise<void> {
    const window = this.config.LOGIN_FAILURE_WINDOW_SECONDS * 1000;
    try {
      const m = this.client().multi();
      for (const k of this.keys(email, ip)) m.incr(k).pexpire(k, window, 'NX');
      await m.exec();
    } catch {
      // Redis away: not counted
    }
  }

  async succeeded(email: string): Promise<void> {
    await this.client()
      .del(this.keys(email, '')[0])
      .catch(() => undefined);
  }

  async onModuleDestroy(): Promise<void> {
    this.redis?.disconnect();
  }

  private keys(email: string, ip: string): [string, string] {
    const p = `${this.config.QUEUE_PREFIX}:loginfail`;
    return [`${p}:acct:${email.trim().toLowerCase()}`, `${p}:ip:${ip}`];
  }

  private client(): Redis {
    if (!this.redis) {
      this.redis = new Redis(this.config.REDIS_URL, {
        maxRetriesPerRequest: 1,
        connectTimeout: 2000,
        commandTimeout: 500,
      });
      this.redis.on('error', () => undefined);
    }
    return this.redis;
  }
}
