import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';
import { TEST_REDIS_URL, testRedis, type TestRedis } from '../support/redis.js';

describe('lapor-bridge users (real CLI, real Redis)', () => {
  let t: TestRedis;
  let env: Record<string, string>;
  beforeAll(async () => {
    t = await testRedis('users');
    env = { REDIS_URL: TEST_REDIS_URL, LAPOR_BRIDGE__REDIS__KEYPREFIX: t.prefix, LAPOR_BRIDGE_LANG: 'id' };
  });
  afterAll(async () => {
    await t?.cleanup();
  });

  it('adds, lists, re-roles, disables, and issues and revokes tokens; never prints a hash', async () => {
    const added = await runCli(
      ['users', 'add', 'rina', '--role', 'opd_staff', '--opd', 'Dinas Kesehatan', '--name', 'Rina Puspita'],
      env,
    );
    expect(added.code, added.stderr).toBe(0);
    expect(added.stdout).toContain('akun rina dibuat: opd_staff untuk dinkes');
    // No password on the command line: one is made up and shown once.
    const password = /kata sandi \(hanya ditampilkan sekarang, serahkan ke pengguna\): (\S+)/.exec(added.stdout)?.[1];
    expect(password?.length).toBeGreaterThanOrEqual(20);

    const refused = await runCli(['users', 'add', 'budi', '--role', 'opd_head'], env);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('isian tidak sah (role opd_head needs --opd');
    const unknown = await runCli(['users', 'add', 'budi', '--role', 'opd_head', '--opd', 'Dinas Ngawur'], env);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('OPD "Dinas Ngawur" is not in the OPD directory');

    expect((await runCli(['users', 'set-role', 'rina', 'opd_head', '--opd', 'Dinas Kesehatan'], env)).stdout).toContain(
      'rina sekarang opd_head untuk dinkes',
    );
    const token = await runCli(['users', 'token', 'rina', '--label', 'skrip rekap'], env);
    const [, id] = /token ([0-9a-f]{12})/.exec(token.stdout) ?? [];
    expect(token.stdout).toMatch(/lbt_[0-9a-f]{12}_\S{20,}/);
    expect((await runCli(['users', 'revoke-token', id!], env)).stdout).toContain(`token ${id} dicabut`);
    expect((await runCli(['users', 'disable', 'rina'], env)).stdout).toContain('akun rina dinonaktifkan');

    const list = await runCli(['users', 'list'], env);
    expect(list.stdout).toMatch(/rina\s+Rina Puspita\s+opd_head\s+dinkes\s+nonaktif/);
    for (const out of [added, token, list]) expect(out.stdout + out.stderr).not.toContain('scrypt');
    const audit = (await t.redis.xrange(`${t.prefix}:audit`, '-', '+')).map(([, f]) => f[f.indexOf('what') + 1]);
    expect(audit).toEqual(['user_added', 'role_changed', 'token_created', 'token_revoked', 'user_disabled']);
  }, 240_000);
});
