import type { Config } from '../config/schema.js';
import type { AccountSettings } from './accounts.js';

const MINUTE = 60_000;

export function accountSettings(config: Pick<Config, 'accounts'>): AccountSettings {
  const { accounts } = config;
  return {
    sessionTtlMs: accounts.sessionHours * 60 * MINUTE,
    sessionIdleMs: accounts.idleMinutes * MINUTE,
    maxFailuresPerUser: accounts.login.maxFailuresPerUser,
    maxFailuresPerAddress: accounts.login.maxFailuresPerAddress,
    lockMs: accounts.login.lockMinutes * MINUTE,
  };
}
