import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';
import { startTestPipeline, type TestPipeline } from '../support/pipeline.js';
import { TEST_REDIS_URL } from '../support/redis.js';

/**
 * The CLI acts as a named account of the same accounts as the pages and the API: the
 * audit names it, and it may do only what its role allows. Counted on the audit stream and
 * the dead-letter list in Redis.
 */
describe('CLI commands act as a named account (real CLI, real Redis)', () => {
  let pipe: TestPipeline;
  let env: Record<string, string>;
  const letter = (key: string) => pipe.runtime.store.deadLetters.get(key);
  const audit = async () =>
    (await pipe.runtime.redis.xrange(pipe.runtime.store.keys.audit(), '-', '+')).map(([, f]) => {
      const at = (name: string) => f[f.indexOf(name) + 1];
      return `${at('who')} ${at('what')}`;
    });

  beforeAll(async () => {
    pipe = await startTestPipeline({ workers: false });
    env = { REDIS_URL: TEST_REDIS_URL, LAPOR_BRIDGE__REDIS__KEYPREFIX: pipe.redis.prefix, LAPOR_BRIDGE_LANG: 'id' };
    const { accounts, store } = pipe.runtime;
    await accounts.add({ username: 'ops', role: 'admin', password: 'operator-password-1' }, 'test');
    await accounts.add({ username: 'pemantau', role: 'viewer', password: 'viewer-password-12' }, 'test');
    await accounts.add({ username: 'lama', role: 'admin', password: 'old-admin-password' }, 'test');
    await accounts.setDisabled('lama', true, 'test');
    for (const key of ['push.a', 'push.b'])
      await store.deadLetters.set(key, {
        queue: 'push',
        name: 'answers',
        jobId: key.slice(5),
        data: { complaintId: 'c-00000000000000000000' },
        reason: 'timeout',
        attempts: 5,
        failedAt: '2026-03-02T02:00:00.000Z',
        history: [],
      });
  }, 60_000);
  afterAll(async () => {
    await pipe?.stop();
  });

  it('refuses without an account, with an unknown or disabled one, and with a role that may not; changes nothing', async () => {
    const none = await runCli(['dlq', 'drop', 'push.a'], env);
    expect(none.code).toBe(1);
    expect(none.stderr).toContain('sebutkan akun yang bertindak: --as NAMA_PENGGUNA atau variabel LAPOR_BRIDGE_USER');
    const unknown = await runCli(['dlq', 'drop', 'push.a', '--as', 'siapa'], env);
    expect(unknown.stderr).toContain('tidak ada akun "siapa"');
    const disabled = await runCli(['dlq', 'drop', 'push.a', '--as', 'lama'], env);
    expect(disabled.stderr).toContain('akun "lama" dinonaktifkan');
    const viewer = await runCli(['dlq', 'drop', 'push.a'], { ...env, LAPOR_BRIDGE_USER: 'pemantau' });
    expect(viewer.code).toBe(1);
    expect(viewer.stderr).toContain('akun "pemantau" (peran viewer) tidak boleh melakukan ini');
    expect(await letter('push.a')).toBeDefined();
    expect(await audit()).not.toContain(expect.stringMatching(/dlq_drop/));
  }, 120_000);

  it("drops and retries in the account's name (--as, or LAPOR_BRIDGE_USER)", async () => {
    const dropped = await runCli(['dlq', 'drop', 'push.a', '--as', 'ops'], env);
    expect(dropped.code, dropped.stderr).toBe(0);
    expect(await letter('push.a')).toBeUndefined();
    const retried = await runCli(['dlq', 'retry', 'push.b'], { ...env, LAPOR_BRIDGE_USER: 'ops' });
    expect(retried.code, retried.stderr).toBe(0);
    expect(await pipe.runtime.queues.push.getJobCounts('waiting', 'delayed', 'prioritized')).toMatchObject({
      waiting: 1,
    });
    expect(await audit()).toEqual(expect.arrayContaining(['user:ops dlq_drop', 'user:ops dlq_retry']));
  }, 120_000);

  it('decides about cases only as an admin account', async () => {
    const viewer = await runCli(['cases', 'reject', 'p-none', '--as', 'pemantau'], env);
    expect(viewer.code).toBe(1);
    expect(viewer.stderr).toContain('akun "pemantau" (peran viewer) tidak boleh melakukan ini');
    // The admin passes the account check and reaches the case desk, which knows no such proposal.
    const admin = await runCli(['cases', 'reject', 'p-none', '--as', 'ops'], env);
    expect(admin.code).toBe(1);
    expect(admin.stderr).not.toContain('akun');
    expect(admin.stderr).toContain('p-none');
  }, 120_000);
});
