import { afterEach, describe, expect, it } from 'vitest';
import { readStream } from '../../src/store/audit.js';
import { ledgerKeys } from '../../src/store/keys.js';
import { testAccounts } from '../support/accounts.js';
import { testRedis, type TestRedis } from '../support/redis.js';

let t: TestRedis | undefined;
afterEach(async () => {
  await t?.cleanup();
  t = undefined;
});

describe('failed logins are limited per client address too (real Redis)', () => {
  it('an address trying many user names is locked, even for a user with no failures of its own; other addresses are not', async () => {
    t = await testRedis('login-address');
    const { accounts, logs } = testAccounts(t.redis, t.prefix, {
      settings: { maxFailuresPerUser: 5, maxFailuresPerAddress: 3 },
    });
    await accounts.add({ username: 'operator', role: 'viewer', password: 'operator-password' }, 'test');
    const sprayer = '203.0.113.9';
    // One wrong try for each of three names: no name reaches its own limit, the address does.
    for (const name of ['admin', 'root', 'bupati'])
      expect(await accounts.verify(name, 'guess', sprayer)).toMatchObject({ ok: false, reason: expect.any(String) });

    const fromSprayer = await accounts.verify('operator', 'operator-password', sprayer);
    expect(fromSprayer).toMatchObject({ ok: false, reason: 'locked' });
    expect(fromSprayer.ok === false && fromSprayer.retryAfterMs).toBeGreaterThan(0);
    expect(await accounts.verify('operator', 'operator-password', '198.51.100.7')).toMatchObject({ ok: true });

    const audit = (await readStream(t.redis, ledgerKeys(t.prefix).audit(), 100)).map((e) => e.fields);
    expect(audit.filter((e) => e.what === 'login_failed' && e.who === `address:${sprayer}`)).toHaveLength(3);
    expect(audit.some((e) => e.what === 'login_refused' && e.who === `address:${sprayer}`)).toBe(true);
    expect(
      logs.lines().filter((l) => l.msg === 'logins locked after repeated failures: someone may be guessing passwords'),
    ).toHaveLength(1);
  });
});
