import type { Redis } from 'ioredis';
import { Accounts, type AccountSettings } from '../../src/accounts/accounts.js';
import { directoryScope } from '../../src/accounts/scope.js';
import { loadConfig } from '../../src/config/load.js';
import type { LoginDeps } from '../../src/http/auth/login-routes.js';
import { systemClock, type Clock } from '../../src/domain/clock.js';
import { AccountRecords } from '../../src/store/accounts.js';
import { appendAudit } from '../../src/store/audit.js';
import { ledgerKeys } from '../../src/store/keys.js';
import { captureLogger } from './logger.js';

export const TEST_ACCOUNT_SETTINGS: AccountSettings = {
  sessionTtlMs: 3_600_000,
  sessionIdleMs: 600_000,
  maxFailuresPerUser: 5,
  maxFailuresPerAddress: 50,
  lockMs: 60_000,
};

/** Real accounts on the test's Redis prefix, and the login wiring createApp needs. */
export function testAccounts(
  redis: Redis,
  prefix: string,
  options: { settings?: Partial<AccountSettings>; clock?: Clock } = {},
): { accounts: Accounts; auth: LoginDeps; logs: ReturnType<typeof captureLogger> } {
  const keys = ledgerKeys(prefix);
  const clock = options.clock ?? systemClock;
  const settings = { ...TEST_ACCOUNT_SETTINGS, ...options.settings };
  const logs = captureLogger('info');
  const accounts = new Accounts({
    records: new AccountRecords(redis, keys),
    audit: (entry) => appendAudit(redis, keys, entry, clock.now()),
    clock,
    logger: logs.logger,
    settings,
    units: directoryScope(loadConfig({ env: {} }).opd),
  });
  return {
    accounts,
    logs,
    auth: { accounts, secureCookies: 'never', instanceName: 'Kabupaten Uji', sessionTtlMs: settings.sessionTtlMs },
  };
}

export function basic(username: string, password: string): Record<string, string> {
  return { authorization: `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}` };
}

/** Signs in through the login form as a browser would; returns the session cookie and answers of each step. */
export async function signIn(
  base: string,
  username: string,
  password: string,
): Promise<{ status: number; cookie?: string; body: string }> {
  const form = await fetch(`${base}/login`);
  const loginCsrf = /lb_login_csrf=([^;]+)/.exec(form.headers.get('set-cookie') ?? '')?.[1] ?? '';
  const token = /name="_csrf" value="([^"]+)"/.exec(await form.text())?.[1] ?? '';
  const res = await fetch(`${base}/login`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: `lb_login_csrf=${loginCsrf}` },
    body: new URLSearchParams({ _csrf: token, username, password, next: '/kotak-masuk' }).toString(),
  });
  const session = /lb_session=([^;]+)/.exec(res.headers.get('set-cookie') ?? '')?.[1];
  return { status: res.status, body: await res.text(), ...(session ? { cookie: `lb_session=${session}` } : {}) };
}

/** The session's CSRF token, as a page's forms carry it. */
export async function csrfOf(base: string, cookie: string, path = '/kotak-masuk'): Promise<string> {
  const page = await (await fetch(`${base}${path}`, { headers: { cookie } })).text();
  const token = /name="_csrf" value="([^"]+)"/.exec(page)?.[1];
  if (!token) throw new Error(`no CSRF token on ${path}`);
  return token;
}
