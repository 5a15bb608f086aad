import type { Logger } from 'pino';
import type { Clock } from '../domain/clock.js';
import type { AuditEntry } from '../store/audit.js';
import type { AccountRecords, StoredApiToken, StoredSession, StoredUser } from '../store/accounts.js';
import { AccountError } from './errors.js';
import { decoyVerify, hashPassword, MIN_PASSWORD_LENGTH, verifyPassword } from './password.js';
import { OPD_ROLES, ROLES, type Role } from '../domain/roles.js';
import type { UnitScope } from './scope.js';
import { newApiToken, parseApiToken, randomSecret, sameHash, sha256 } from './secret-token.js';

/** A user as anything outside this module sees one: never the password hash. */
export type User = Omit<StoredUser, 'passwordHash'>;
export type ApiToken = Omit<StoredApiToken, 'hash'>;

export interface AccountSettings {
  sessionTtlMs: number;
  sessionIdleMs: number;
  maxFailuresPerUser: number;
  maxFailuresPerAddress: number;
  lockMs: number;
}

export interface AccountDeps {
  records: AccountRecords;
  audit(entry: AuditEntry): Promise<void>;
  clock: Clock;
  logger: Logger;
  settings: AccountSettings;
  /** The OPD directory: an OPD account's unit must be one of its codes (a name is turned into its code). */
  units: Pick<UnitScope, 'codeOf'>;
}

export type LoginResult =
  | { ok: true; user: User; sessionId: string; session: StoredSession }
  | { ok: false; reason: 'invalid' | 'locked'; retryAfterMs: number };

const USERNAME = /^[a-z0-9][a-z0-9._-]{1,63}$/;

export function publicUser(user: StoredUser): User {
  const { passwordHash: _hidden, ...rest } = user;
  return rest;
}

function checkRole(role: string, opd: string | undefined): asserts role is Role {
  if (!(ROLES as readonly string[]).includes(role))
    throw new AccountError('INVALID_INPUT', `role "${role}" unknown (roles: ${ROLES.join(', ')})`);
  if (OPD_ROLES.has(role as Role) && !opd?.trim())
    throw new AccountError('INVALID_INPUT', `role ${role} needs --opd (the OPD the account works for)`);
  if (!OPD_ROLES.has(role as Role) && opd)
    throw new AccountError('INVALID_INPUT', `role ${role} reads every OPD; leave --opd out`);
}

function checkPassword(password: string): void {
  if (password.length < MIN_PASSWORD_LENGTH)
    throw new AccountError('INVALID_INPUT', `password must have at least ${MIN_PASSWORD_LENGTH} characters`);
}

/**
 * Accounts, logins, sessions and API tokens. Every change is audited with who made it;
 * failed logins are counted per user name and per client address, and either count
 * reaching its limit locks further attempts for `lockMs` (audited, and logged once).
 */
export class Accounts {
  constructor(private readonly deps: AccountDeps) {}

  private now(): string {
    return this.deps.clock.now().toISOString();
  }

  private async mustGet(username: string): Promise<StoredUser> {
    const user = await this.deps.records.user(username);
    if (!user) throw new AccountError('NOT_FOUND', `no user "${username}" (see: lapor-bridge users list)`);
    return user;
  }

  /** An OPD account's unit as a directory code; an unknown unit is refused, never guessed. */
  private unit(opd: string | undefined): string | undefined {
    if (!opd?.trim()) return undefined;
    const code = this.deps.units.codeOf(opd);
    if (!code)
      throw new AccountError(
        'INVALID_INPUT',
        `OPD "${opd}" is not in the OPD directory; use a unit's code or name (see: lapor-bridge opd list)`,
      );
    return code;
  }

  async add(
    input: { username: string; displayName?: string; role: string; opd?: string; password: string },
    by: string,
  ): Promise<User> {
    if (!USERNAME.test(input.username))
      throw new AccountError(
        'INVALID_INPUT',
        'user name: lower-case letters, digits, ".", "_" or "-", 2 to 64 characters',
      );
    checkRole(input.role, input.opd);
    const opd = this.unit(input.opd);
    checkPassword(input.password);
    const now = this.now();
    const user: StoredUser = {
      username: input.username,
      displayName: input.displayName?.trim() || input.username,
      role: input.role,
      ...(opd ? { opd } : {}),
      disabled: false,
      passwordHash: await hashPassword(input.password),
      passwordChangedAt: now,
      createdAt: now,
      createdBy: by,
    };
    if (!(await this.deps.records.addUser(user)))
      throw new AccountError('EXISTS', `user "${input.username}" already exists`);
    await this.deps.audit({
      who: `user:${by}`,
      what: 'user_added',
      why: `role ${user.role}${user.opd ? ` for ${user.opd}` : ''}`,
      detail: { username: user.username, role: user.role, ...(user.opd ? { opd: user.opd } : {}) },
    });
    return publicUser(user);
  }

  /** The first admin, at first start: only when no account exists yet. */
  async ensureFirstAdmin(username: string, password: string): Promise<boolean> {
    if ((await this.deps.records.userCount()) > 0) return false;
    try {
      await this.add({ username, displayName: 'Administrator', role: 'admin', password }, 'first-start');
      return true;
    } catch (err) {
      // Another replica created it in the meantime.
      if (err instanceof AccountError && err.code === 'EXISTS') return false;
      throw err;
    }
  }

  async get(username: string): Promise<User | undefined> {
    const user = await this.deps.records.user(username);
    return user ? publicUser(user) : undefined;
  }

  async list(): Promise<User[]> {
    return (await this.deps.records.users()).map(publicUser);
  }

  async hasUsers(): Promise<boolean> {
    return (await this.deps.records.userCount()) > 0;
  }

  async setDisabled(username: string, disabled: boolean, by: string): Promise<User> {
    const user = await this.mustGet(username);
    await this.deps.records.saveUser({ ...user, disabled });
    if (disabled) await this.deps.records.closeSessionsOf(username);
    await this.deps.audit({
      who: `user:${by}`,
      what: disabled ? 'user_disabled' : 'user_enabled',
      why: disabled ? 'sessions ended, tokens refused' : 'may log in again',
      detail: { username },
    });
    return publicUser({ ...user, disabled });
  }

  async resetPassword(username: string, password: string, by: string): Promise<User> {
    checkPassword(password);
    const user = await this.mustGet(username);
    const updated: StoredUser = { ...user, passwordHash: await hashPassword(password), passwordChangedAt: this.now() };
    await this.deps.records.saveUser(updated);
    await this.deps.records.closeSessionsOf(username);
    await this.deps.records.clearFailures('user', username);
    await this.deps.audit({ who: `user:${by}`, what: 'password_reset', why: 'sessions ended', detail: { username } });
    return publicUser(updated);
  }

  async setRole(username: string, role: string, opd: string | undefined, by: string): Promise<User> {
    checkRole(role, opd);
    const code = this.unit(opd);
    const user = await this.mustGet(username);
    const { opd: _old, ...rest } = user;
    const updated: StoredUser = { ...rest, role, ...(code ? { opd: code } : {}) };
    await this.deps.records.saveUser(updated);
    await this.deps.audit({
      who: `user:${by}`,
      what: 'role_changed',
      why: `${user.role}${user.opd ? ` (${user.opd})` : ''} → ${role}${updated.opd ? ` (${updated.opd})` : ''}`,
      detail: { username },
    });
    return publicUser(updated);
  }

  /** Checks a password under the lock-out rules; never tells whether the name exists. */
  async verify(
    username: string,
    password: string,
    address: string,
  ): Promise<{ ok: true; user: StoredUser } | { ok: false; reason: 'invalid' | 'locked'; retryAfterMs: number }> {
    const { records, settings } = this.deps;
    const [perUser, perAddress] = await Promise.all([
      records.failures('user', username),
      records.failures('address', address),
    ]);
    if (perUser.count >= settings.maxFailuresPerUser || perAddress.count >= settings.maxFailuresPerAddress) {
      await this.deps.audit({
        who: `address:${address}`,
        what: 'login_refused',
        why: 'locked after repeated failures',
        detail: { username },
      });
      return {
        ok: false,
        reason: 'locked',
        retryAfterMs: Math.max(
          perUser.count >= settings.maxFailuresPerUser ? perUser.retryAfterMs : 0,
          perAddress.count >= settings.maxFailuresPerAddress ? perAddress.retryAfterMs : 0,
        ),
      };
    }
    const user = await records.user(username);
    const good = user ? await verifyPassword(password, user.passwordHash) : await decoyVerify(password);
    if (user && good && !user.disabled) {
      await records.clearFailures('user', username);
      return { ok: true, user };
    }
    const [userCount, addressCount] = await Promise.all([
      records.countFailure('user', username, settings.lockMs),
      records.countFailure('address', address, settings.lockMs),
    ]);
    const disabled = user?.disabled === true && good;
    await this.deps.audit({
      who: `address:${address}`,
      what: 'login_failed',
      why: disabled ? 'account disabled' : 'wrong user name or password',
      detail: {
        username,
        failuresForUser: userCount,
        failuresFromAddress: addressCount,
        cause: disabled ? 'disabled' : 'credentials',
      },
    });
    const locked = userCount >= settings.maxFailuresPerUser || addressCount >= settings.maxFailuresPerAddress;
    if (locked)
      this.deps.logger.warn(
        {
          username,
          address,
          failuresForUser: userCount,
          failuresFromAddress: addressCount,
          lockMs: settings.lockMs,
          meaning:
            'this account and this address cannot sign in until the lock ends; if it was not the account holder, check the address and consider resetting the password (lapor-bridge users reset-password)',
        },
        'logins locked after repeated failures: someone may be guessing passwords',
      );
    else this.deps.logger.info({ username, address }, 'login failed');
    return { ok: false, reason: locked ? 'locked' : 'invalid', retryAfterMs: locked ? settings.lockMs : 0 };
  }

  async login(username: string, password: string, address: string): Promise<LoginResult> {
    const checked = await this.verify(username, password, address);
    if (!checked.ok) return checked;
    const { user } = checked;
    const sessionId = randomSecret();
    const now = this.deps.clock.now();
    const session: StoredSession = {
      username: user.username,
      csrf: randomSecret(24),
      createdAt: now.toISOString(),
      expiresAt: new Date(now.getTime() + this.deps.settings.sessionTtlMs).toISOString(),
      passwordChangedAt: user.passwordChangedAt,
    };
    await this.deps.records.openSession(
      sha256(sessionId),
      session,
      Math.min(this.deps.settings.sessionIdleMs, this.deps.settings.sessionTtlMs),
    );
    await this.deps.audit({ who: `user:${user.username}`, what: 'login', why: `from ${address}`, detail: { address } });
    return { ok: true, user: publicUser(user), sessionId, session };
  }

  /** The user behind a session cookie, sliding its idle timeout; undefined when it ended. */
  async session(sessionId: string): Promise<{ user: User; session: StoredSession } | undefined> {
    const idHash = sha256(sessionId);
    const session = await this.deps.records.session(idHash);
    if (!session) return undefined;
    const remaining = Date.parse(session.expiresAt) - this.deps.clock.now().getTime();
    const user = await this.deps.records.user(session.username);
    if (remaining <= 0 || !user || user.disabled || user.passwordChangedAt !== session.passwordChangedAt) {
      await this.deps.records.closeSession(idHash, session.username);
      return undefined;
    }
    await this.deps.records.touchSession(idHash, Math.min(this.deps.settings.sessionIdleMs, remaining));
    return { user: publicUser(user), session };
  }

  async logout(sessionId: string): Promise<void> {
    const idHash = sha256(sessionId);
    const session = await this.deps.records.session(idHash);
    if (!session) return;
    await this.deps.records.closeSession(idHash, session.username);
    await this.deps.audit({ who: `user:${session.username}`, what: 'logout', why: 'signed out' });
  }

  /** A token for scripts, shown once; only its hash is kept. */
  async createToken(username: string, label: string, by: string): Promise<{ token: string; record: ApiToken }> {
    const user = await this.mustGet(username);
    const { id, secret, token } = newApiToken();
    const record: StoredApiToken = {
      id,
      username: user.username,
      label: label.trim() || 'script',
      hash: sha256(secret),
      createdAt: this.now(),
    };
    await this.deps.records.addToken(record);
    await this.deps.audit({
      who: `user:${by}`,
      what: 'token_created',
      why: record.label,
      detail: { username, tokenId: id },
    });
    const { hash: _hidden, ...shown } = record;
    return { token, record: shown };
  }

  async tokens(username?: string): Promise<ApiToken[]> {
    return (await this.deps.records.tokens())
      .filter((t) => !username || t.username === username)
      .map(({ hash: _hidden, ...rest }) => rest)
      .sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  }

  async revokeToken(id: string, by: string): Promise<void> {
    const token = await this.deps.records.token(id);
    if (!token || !(await this.deps.records.revokeToken(id)))
      throw new AccountError('NOT_FOUND', `no API token "${id}" (see: lapor-bridge users tokens)`);
    await this.deps.audit({
      who: `user:${by}`,
      what: 'token_revoked',
      why: token.label,
      detail: { username: token.username, tokenId: id },
    });
  }

  async userOfToken(token: string): Promise<User | undefined> {
    const parsed = parseApiToken(token);
    if (!parsed) return undefined;
    const record = await this.deps.records.token(parsed.id);
    if (!record || !sameHash(sha256(parsed.secret), record.hash)) return undefined;
    const user = await this.deps.records.user(record.username);
    return user && !user.disabled ? publicUser(user) : undefined;
  }
}
