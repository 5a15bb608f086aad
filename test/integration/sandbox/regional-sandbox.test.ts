import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRegionalSandbox, type RunningRegionalSandbox } from '../../../src/sandbox/regional/index.js';

let sandbox: RunningRegionalSandbox;

beforeAll(async () => {
  sandbox = await startRegionalSandbox({ seed: 21, counts: { wa: 10, superapp: 60, bupati: 10, open311: 10 } });
});
afterAll(async () => {
  await sandbox.close();
});

const get = (path: string, headers: Record<string, string> = {}) => fetch(`${sandbox.url}${path}`, { headers });

describe('regional sandbox', () => {
  it('is reproducible from its seed', async () => {
    const twin = await startRegionalSandbox({
      seed: 21,
      counts: { wa: 10, superapp: 60, bupati: 10, open311: 10 },
      now: () => sandbox.clock.now(),
    });
    const strip = (s: Record<string, unknown>) =>
      JSON.stringify((s.superapp as { complaints: { description: string }[] }).complaints.map((c) => c.description));
    expect(strip(twin.state())).toBe(strip(sandbox.state()));
    expect(twin.credentials).toEqual(sandbox.credentials);
    await twin.close();
  });

  it.each([
    ['/wa/api/reports', {}, 401],
    ['/wa/api/reports', { Authorization: 'Bearer wrong' }, 401],
    ['/superapp/api/v1/complaints', {}, 401],
    ['/bupati/api/reports', { Authorization: 'Basic d3Jvbmc6d3Jvbmc=' }, 401],
    ['/open311/v2/services.json', {}, 200],
    ['/nowhere', {}, 404],
  ])('GET %s with %j answers %i', async (path, headers, status) => {
    expect((await get(path, headers)).status).toBe(status);
  });

  it('refuses the partner API without the Api-Key and x-partner-id headers even with a valid token', async () => {
    const { superapp } = sandbox.credentials;
    const token = (await (
      await fetch(`${sandbox.url}/superapp/oauth/token`, {
        method: 'POST',
        body: new URLSearchParams({
          grant_type: 'client_credentials',
          client_id: superapp.clientId,
          client_secret: superapp.clientSecret,
        }),
      })
    ).json()) as { access_token: string };
    expect((await get('/superapp/api/v1/complaints', { Authorization: `Bearer ${token.access_token}` })).status).toBe(
      403,
    );
    const bad = await fetch(`${sandbox.url}/superapp/oauth/token`, {
      method: 'POST',
      body: new URLSearchParams({
        grant_type: 'client_credentials',
        client_id: superapp.clientId,
        client_secret: 'nope',
      }),
    });
    expect([bad.status, ((await bad.json()) as { error: string }).error]).toEqual([401, 'invalid_client']);
  });

  it('never shows secret complaints or reporter identity on the public view', async () => {
    const state = sandbox.state() as {
      superapp: { complaints: { id: number; is_secret: boolean; user: { name: string; phone: string } }[] };
      wa: { reports: { from: string }[] };
    };
    const secret = state.superapp.complaints.filter((c) => c.is_secret).map((c) => String(c.id));
    const body = (await (await get('/public/complaints')).json()) as { items: { system: string; id: string }[] };
    const html = await (await get('/public')).text();
    const text = JSON.stringify(body);
    expect(body.items.filter((i) => i.system === 'superapp' && secret.includes(i.id))).toEqual([]);
    expect(body.items.filter((i) => i.system === 'superapp')).toHaveLength(
      state.superapp.complaints.length - secret.length,
    );
    for (const c of state.superapp.complaints) expect(text).not.toContain(c.user.phone);
    for (const r of state.wa.reports) expect(text + html).not.toContain(r.from);
    expect(html).not.toMatch(/<script/i);
  });

  it('escapes HTML that a citizen typed, on the public page', async () => {
    await fetch(`${sandbox.url}/_sandbox/bupati/records`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ description: 'Jalan rusak <script>alert(1)</script>' }),
    });
    const html = await (await get('/public')).text();
    expect(html).toContain('&#60;script&#62;');
    expect(html).not.toContain('<script>alert(1)</script>');
  });

  it('switches faults at runtime; admin paths stay reachable', async () => {
    const on = await fetch(`${sandbox.url}/_sandbox/faults`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ maintenance: { forSeconds: 60 } }),
    });
    expect(on.status).toBe(200);
    const during = await get('/open311/v2/services.json');
    expect([during.status, during.headers.get('retry-after')]).toEqual([503, '60']);
    expect((await get('/_sandbox/state')).status).toBe(200);
    await fetch(`${sandbox.url}/_sandbox/faults`, { method: 'DELETE' });
    expect((await get('/open311/v2/services.json')).status).toBe(200);
  });

  it('reports bad admin input instead of failing', async () => {
    const res = await fetch(`${sandbox.url}/_sandbox/faults`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ serverError: { rate: 7 } }),
    });
    expect(res.status).toBe(400);
    expect((await fetch(`${sandbox.url}/_sandbox/nope/records`, { method: 'POST' })).status).toBe(404);
    expect(
      (
        await fetch(`${sandbox.url}/_sandbox/wa/records/none`, {
          method: 'PATCH',
          headers: { 'Content-Type': 'application/json' },
          body: '{}',
        })
      ).status,
    ).toBe(404);
  });
});
