import type { Redis } from '../redis/client.js';
import { z } from 'zod';
import { isoTimestamp } from '../domain/draft.js';
import { ROLES } from '../domain/roles.js';
import type { LedgerKeys } from './keys.js';

export const userSchema = z.object({
  username: z.string(),
  displayName: z.string(),
  role: z.enum(ROLES),
  /** The OPD of staff and heads (the complaint's OPD as the ledger names it, or its directory code). */
  opd: z.string().optional(),
  disabled: z.boolean(),
  passwordHash: z.string(),
  /** Changes on every reset: sessions opened before it end. */
  passwordChangedAt: isoTimestamp,
  createdAt: isoTimestamp,
  createdBy: z.string(),
});
export type StoredUser = z.infer<typeof userSchema>;

export const sessionSchema = z.object({
  username: z.string(),
  csrf: z.string(),
  createdAt: isoTimestamp,
  expiresAt: isoTimestamp,
  passwordChangedAt: isoTimestamp,
});
export type StoredSession = z.infer<typeof sessionSchema>;

export const apiTokenSchema = z.object({
  id: z.string(),
  username: z.string(),
  label: z.string(),
  /** SHA-256 of the secret part; the token itself is shown once and never kept. */
  hash: z.string(),
  createdAt: isoTimestamp,
});
export type StoredApiToken = z.infer<typeof apiTokenSchema>;

/** Accounts, sessions, API tokens and failed-login counters in Redis. */
export class AccountRecords {
  constructor(
    private readonly redis: Redis,
    private readonly keys: LedgerKeys,
  ) {}

  async user(username: string): Promise<StoredUser | undefined> {
    const text = await this.redis.hget(this.keys.users(), username);
    return text === null ? undefined : userSchema.parse(JSON.parse(text));
  }

  /** Creates only when the name is free; false when it is taken. */
  async addUser(user: StoredUser): Promise<boolean> {
    return (await this.redis.hsetnx(this.keys.users(), user.username, JSON.stringify(user))) === 1;
  }

  async saveUser(user: StoredUser): Promise<void> {
    await this.redis.hset(this.keys.users(), user.username, JSON.stringify(user));
  }

  async users(): Promise<StoredUser[]> {
    const all = await this.redis.hvals(this.keys.users());
    return all.map((t) => userSchema.parse(JSON.parse(t))).sort((a, b) => a.username.localeCompare(b.username));
  }

  async userCount(): Promise<number> {
    return this.redis.hlen(this.keys.users());
  }

  async openSession(idHash: string, session: StoredSession, ttlMs: number): Promise<void> {
    await this.redis
      .multi()
      .set(this.keys.session(idHash), JSON.stringify(session), 'PX', Math.max(1, Math.round(ttlMs)))
      .sadd(this.keys.userSessions(session.username), idHash)
      .exec();
  }

  async session(idHash: string): Promise<StoredSession | undefined> {
    const text = await this.redis.get(this.keys.session(idHash));
    return text === null ? undefined : sessionSchema.parse(JSON.parse(text));
  }

  /** Slides an idle timeout forward; never past the session's absolute end. */
  async touchSession(idHash: string, ttlMs: number): Promise<void> {
    await this.redis.pexpire(this.keys.session(idHash), Math.max(1, Math.round(ttlMs)));
  }

  async closeSession(idHash: string, username: string): Promise<void> {
    await this.redis.multi().del(this.keys.session(idHash)).srem(this.keys.userSessions(username), idHash).exec();
  }

  /** Ends every session of a user (disabled, password reset). */
  async closeSessionsOf(username: string): Promise<number> {
    const ids = await this.redis.smembers(this.keys.userSessions(username));
    if (ids.length > 0) await this.redis.del(...ids.map((id) => this.keys.session(id)));
    await this.redis.del(this.keys.userSessions(username));
    return ids.length;
  }

  async addToken(token: StoredApiToken): Promise<void> {
    await this.redis.hset(this.keys.apiTokens(), token.id, JSON.stringify(token));
  }

  async token(id: string): Promise<StoredApiToken | undefined> {
    const text = await this.redis.hget(this.keys.apiTokens(), id);
    return text === null ? undefined : apiTokenSchema.parse(JSON.parse(text));
  }

  async tokens(): Promise<StoredApiToken[]> {
    return (await this.redis.hvals(this.keys.apiTokens())).map((t) => apiTokenSchema.parse(JSON.parse(t)));
  }

  async revokeToken(id: string): Promise<boolean> {
    return (await this.redis.hdel(this.keys.apiTokens(), id)) === 1;
  }

  /** Counts one failed login in a window that starts with the first failure; returns the count. */
  async countFailure(kind: 'user' | 'address', value: string, windowMs: number): Promise<number> {
    const key = this.keys.loginFailures(kind, value);
    // SET NX starts the window on the first failure; INCR keeps the expiry it set.
    const results = await this.redis.multi().set(key, '0', 'PX', windowMs, 'NX').incr(key).exec();
    return Number(results?.[1]?.[1] ?? 0);
  }

  async failures(kind: 'user' | 'address', value: string): Promise<{ count: number; retryAfterMs: number }> {
    const key = this.keys.loginFailures(kind, value);
    const [count, ttl] = await Promise.all([this.redis.get(key), this.redis.pttl(key)]);
    return { count: Number(count ?? 0), retryAfterMs: Math.max(0, ttl) };
  }

  async clearFailures(kind: 'user' | 'address', value: string): Promise<void> {
    await this.redis.del(this.keys.loginFailures(kind, value));
  }
}
