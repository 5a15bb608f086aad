import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { basic, csrfOf, signIn } from '../support/accounts.js';
import { DASHBOARD, DINKES, DPUPR, serveRekapWorld, startRekapWorld, type RekapWorld } from '../support/rekap-world.js';

const STAFF = { username: 'staf.dinkes', password: 'staf-dinkes-password' };
const HEAD_PU = { username: 'kadis.pu', password: 'kepala-pu-password' };

describe('accounts: scope, CSRF, lock-out, tokens, and no password hash anywhere (real Redis, real HTTP)', () => {
  let world: RekapWorld;
  let http: Awaited<ReturnType<typeof serveRekapWorld>>;

  beforeAll(async () => {
    world = await startRekapWorld();
    http = await serveRekapWorld(world);
    const { accounts } = world.pipe.runtime;
    await accounts.add({ ...STAFF, role: 'opd_staff', opd: DINKES }, 'test');
    await accounts.add({ ...HEAD_PU, role: 'opd_head', opd: DPUPR }, 'test');
  }, 120_000);

  afterAll(async () => {
    await http?.close();
    await world?.close();
  });

  it("gives an OPD account 403 on another OPD's complaint, by id, on the page and the API", async () => {
    const dinkesComplaint = world.ids.C!;
    const puComplaint = world.ids.A!;
    const staff = basic(STAFF.username, STAFF.password);
    expect((await fetch(`${http.base}/api/complaints/${dinkesComplaint}`, { headers: staff })).status).toBe(200);
    expect((await fetch(`${http.base}/api/complaints/${puComplaint}`, { headers: staff })).status).toBe(403);
    expect((await fetch(`${http.base}/aduan/${puComplaint}`, { headers: staff })).status).toBe(403);
    const write = await fetch(`${http.base}/api/complaints/${puComplaint}/responses`, {
      method: 'POST',
      headers: { ...staff, 'content-type': 'application/json' },
      body: JSON.stringify({ text: 'Bukan urusan kami.' }),
    });
    expect(write.status).toBe(403);
    // The head of DPUPR reads DPUPR and not Dinkes.
    const head = basic(HEAD_PU.username, HEAD_PU.password);
    expect((await fetch(`${http.base}/aduan/${puComplaint}`, { headers: head })).status).toBe(200);
    expect((await fetch(`${http.base}/aduan/${dinkesComplaint}`, { headers: head })).status).toBe(403);
    // Their own lists hold only their own complaints.
    const mine = (await (await fetch(`${http.base}/api/responses`, { headers: staff })).json()) as unknown[];
    expect(Array.isArray(mine)).toBe(true);
    const inbox = await (await fetch(`${http.base}/kotak-masuk`, { headers: staff })).text();
    expect(inbox).toContain(`/aduan/${dinkesComplaint}`);
    expect(inbox).not.toContain(`/aduan/${puComplaint}`);
  });

  it("refuses a form posted without the session's CSRF token", async () => {
    const { cookie } = await signIn(http.base, STAFF.username, STAFF.password);
    expect(cookie).toBeDefined();
    const complaint = world.ids.C!;
    const post = (body: Record<string, string>) =>
      fetch(`${http.base}/aduan/${complaint}/jawaban`, {
        method: 'POST',
        redirect: 'manual',
        headers: { cookie: cookie!, 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams(body).toString(),
      });
    expect((await post({ text: 'Tanpa token.' })).status).toBe(403);
    expect((await post({ text: 'Token palsu.', _csrf: 'x'.repeat(32) })).status).toBe(403);
    // The JSON API with a session needs the token too (header).
    const api = await fetch(`${http.base}/api/complaints/${complaint}/responses`, {
      method: 'POST',
      headers: { cookie: cookie!, 'content-type': 'application/json' },
      body: JSON.stringify({ text: 'Lewat API.' }),
    });
    expect(api.status).toBe(403);
    const good = await post({
      text: 'Puskesmas sudah menjadwalkan kunjungan.',
      _csrf: await csrfOf(http.base, cookie!),
    });
    expect(good.status).toBe(303);
    expect(good.headers.get('location')).toBe(`/aduan/${complaint}?ok=written`);
    const answers = await world.pipe.runtime.push.responses.ofCase(
      (await world.pipe.runtime.store.ledger.get(complaint))!.caseId,
    );
    expect(answers.map((a) => [a.text, a.by, a.state])).toEqual([
      ['Puskesmas sudah menjadwalkan kunjungan.', STAFF.username, 'draft'],
    ]);
    // The login form itself is protected by its own double-submit token.
    const forged = await fetch(`${http.base}/login`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ username: STAFF.username, password: STAFF.password }).toString(),
    });
    expect(forged.status).toBe(403);
    expect(forged.headers.get('set-cookie') ?? '').not.toContain('lb_session=');
  });

  it('locks a user name out after repeated failures, audits every try, and warns once', async () => {
    const { accounts } = world.pipe.runtime;
    await accounts.add({ username: 'korban', role: 'viewer', password: 'the-right-password' }, 'test');
    for (let i = 0; i < 4; i++) expect((await signIn(http.base, 'korban', `guess-${i}-wrong`)).status).toBe(401);
    // The fifth failure reaches the limit: from now on even the right password is refused.
    expect((await signIn(http.base, 'korban', 'guess-4-wrong')).status).toBe(429);
    const locked = await signIn(http.base, 'korban', 'the-right-password');
    expect(locked.status).toBe(429);
    expect(locked.cookie).toBeUndefined();
    expect(locked.body).toContain('Terlalu banyak percobaan gagal');
    // Basic auth meets the same lock.
    expect((await fetch(`${http.base}/api/rekap`, { headers: basic('korban', 'the-right-password') })).status).toBe(
      401,
    );
    const { store } = world.pipe.runtime;
    const audit = (await store.readAudit(200)).map((e) => e.fields);
    expect(audit.filter((e) => e.what === 'login_failed' && e.detail?.includes('"korban"'))).toHaveLength(5);
    expect(audit.some((e) => e.what === 'login_refused' && e.detail?.includes('"korban"'))).toBe(true);
    // Another user from the same address is not locked by it (the address limit is higher).
    expect((await signIn(http.base, STAFF.username, STAFF.password)).status).toBe(303);
    const warnings = world.pipe.logs
      .lines()
      .filter((l) => l.msg === 'logins locked after repeated failures: someone may be guessing passwords');
    expect(warnings).toHaveLength(1);
  });

  it("lets an admin send a dead letter again from the triage page, audited with the admin's name; a viewer may not", async () => {
    const { store, queues } = world.pipe.runtime;
    const complaint = world.ids.C!;
    await store.deadLetters.set('push:answers:test', {
      queue: 'push',
      name: 'answers',
      jobId: 'answers.test',
      data: { complaintId: complaint },
      reason: 'LAPOR answered 500',
      attempts: 5,
      failedAt: '2026-03-30T02:00:00.000Z',
      history: [],
    });
    await world.pipe.runtime.accounts.add(
      { username: 'inspektorat', role: 'viewer', password: 'inspektorat-password' },
      'test',
    );
    const viewer = await signIn(http.base, 'inspektorat', 'inspektorat-password');
    const viewerPage = await (await fetch(`${http.base}/triase`, { headers: { cookie: viewer.cookie! } })).text();
    expect(viewerPage).toContain('LAPOR answered 500');
    expect(viewerPage).not.toContain('/triase/dlq/push:answers:test/ulang');
    const post = (cookie: string, csrf: string) =>
      fetch(`${http.base}/triase/dlq/push:answers:test/ulang`, {
        method: 'POST',
        redirect: 'manual',
        headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ _csrf: csrf }).toString(),
      });
    expect((await post(viewer.cookie!, await csrfOf(http.base, viewer.cookie!))).status).toBe(403);
    const admin = await signIn(http.base, DASHBOARD.username, DASHBOARD.password);
    const retried = await post(admin.cookie!, await csrfOf(http.base, admin.cookie!, '/triase'));
    expect(retried.status).toBe(303);
    expect(await queues.push.getJob('answers.test.r1')).toBeDefined();
    const trail = await store.readAudit(50, complaint);
    expect(trail.map((e) => [e.fields.who, e.fields.what])).toContainEqual([`user:${DASHBOARD.username}`, 'dlq_retry']);
  });

  it('accepts an API token until it is revoked, and keeps only its hash', async () => {
    const { accounts, store, redis } = world.pipe.runtime;
    const { token, record } = await accounts.createToken(DASHBOARD.username, 'rekap harian', 'test');
    const bearer = { authorization: `Bearer ${token}` };
    expect((await fetch(`${http.base}/api/rekap?month=2026-03`, { headers: bearer })).status).toBe(200);
    expect(JSON.stringify(await redis.hgetall(store.keys.apiTokens()))).not.toContain(
      token.split('_').slice(2).join('_'),
    );
    await accounts.revokeToken(record.id, 'test');
    expect((await fetch(`${http.base}/api/rekap?month=2026-03`, { headers: bearer })).status).toBe(401);
    expect(
      (
        await fetch(`${http.base}/api/rekap?month=2026-03`, {
          headers: { authorization: `Bearer ${token.slice(0, -2)}xx` },
        })
      ).status,
    ).toBe(401);
  });

  it('never puts a password hash in an API answer, a page or a log line', async () => {
    const { store, redis } = world.pipe.runtime;
    const stored = Object.values(await redis.hgetall(store.keys.users())).map(
      (u) => (JSON.parse(u) as { passwordHash: string }).passwordHash,
    );
    expect(stored.length).toBeGreaterThan(2);
    const admin = basic(DASHBOARD.username, DASHBOARD.password);
    const answers = await Promise.all(
      ['/api/responses', `/api/complaints/${world.ids.A}`, '/readyz', '/audit', '/kotak-masuk'].map(async (p) =>
        (await fetch(`${http.base}${p}`, { headers: admin })).text(),
      ),
    );
    const everything = [...answers, world.pipe.logs.text()].join('\n');
    expect(everything).not.toContain('scrypt$');
    for (const hash of stored) expect(everything).not.toContain(hash.split('$').at(-1));
    for (const password of [STAFF.password, HEAD_PU.password, DASHBOARD.password])
      expect(world.pipe.logs.text()).not.toContain(password);
  });
});
