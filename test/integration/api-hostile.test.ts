import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import { createServer, type ClientRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { complaintId } from '../../src/domain/complaint.js';
import { messages } from '../../src/i18n/messages.js';
import { waitFor } from '../support/cli.js';
import { ADMIN, signedHeaders, startHookDaemon, type HookDaemon } from '../support/hook-daemon.js';
import { anyValue, hostileText } from '../unit/properties/arbitraries.js';

/**
 * The JSON API and the workspace forms under any input (real daemon, real Redis): each
 * refusal is a 400 (or 413) with the catalogue's message, nothing answers 5xx, the request
 * rate is bounded, and no URL taken from complaint data is ever requested by the bridge.
 */

const t = messages('id').workspace;
let hooks: HookDaemon;
let canary: Server;
let canaryHits = 0;
let canaryHost = '';
const outbound: string[] = [];
const onHttp = (message: unknown) => {
  const req = (message as { request: ClientRequest }).request;
  outbound.push(
    `${req.host}:${String((req as unknown as { socket?: { remotePort?: number } }).socket?.remotePort)}${req.path}`,
  );
};
const onUndici = (message: unknown) => {
  const req = (message as { request: { origin: string; path: string } }).request;
  outbound.push(`${req.origin}${req.path}`);
};
let complaint = '';

/** A WhatsApp desk report whose every URL-shaped field points at the canary. */
const waRecord = (id: string) => ({
  _id: id,
  from: '6281399887766',
  user: { name: `http://${canaryHost}/name` },
  message: `Jalan rusak, foto di http://${canaryHost}/text dan https://${canaryHost}/tls`,
  location: { description: `http://${canaryHost}/location`, desa: 'Jepon' },
  photos: [`http://${canaryHost}/photo.jpg`, `//${canaryHost}/relative.jpg`],
  handling: { trackingId: '5010653', url: `http://${canaryHost}/handling` },
  createdAt: '2026-03-01T02:00:00.000Z',
  updatedAt: '2026-03-01T02:00:00.000Z',
});

const json = (body: string, headers: Record<string, string> = {}) => ({
  method: 'POST',
  headers: { ...ADMIN, 'Content-Type': 'application/json', ...headers },
  body,
});

beforeAll(async () => {
  canary = createServer((_req, res) => {
    canaryHits++;
    res.end('ok');
  });
  await new Promise<void>((resolve) => canary.listen(0, '127.0.0.1', resolve));
  canaryHost = `127.0.0.1:${(canary.address() as AddressInfo).port}`;
  subscribe('http.client.request.start', onHttp);
  subscribe('undici:request:create', onUndici);
  hooks = await startHookDaemon('hostile-api', { http: { requestsPerMinute: 0 } });
  const record = waRecord('65f0aaaabbbbccccdddd0001');
  const body = JSON.stringify(record);
  const res = await fetch(`${hooks.url}/hooks/wadesk`, { method: 'POST', headers: signedHeaders(body), body });
  expect(res.status).toBe(202);
  complaint = complaintId('wadesk', record._id);
  await waitFor(
    async () => (await hooks.redis.redis.exists(`${hooks.redis.prefix}:complaint:${complaint}`)) === 1,
    15_000,
    'the complaint in the ledger',
  );
  // Assigned to an OPD of the directory, so an answer may be written to it.
  const [unit] = (await (await fetch(`${hooks.url}/api/opd`, { headers: ADMIN })).json()) as { code: string }[];
  const assigned = await fetch(
    `${hooks.url}/api/triage/${complaint}/assign`,
    json(JSON.stringify({ opd: unit!.code })),
  );
  expect(assigned.status).toBe(200);
});

afterAll(async () => {
  unsubscribe('http.client.request.start', onHttp);
  unsubscribe('undici:request:create', onUndici);
  await hooks?.stop();
  await new Promise((resolve) => canary?.close(resolve));
});

/** Bodies a client may send: anything JSON can say, and text that is no JSON at all. */
const anyJsonBody = fc.oneof(
  anyValue.map((v) => JSON.stringify(v) ?? 'null'),
  fc.dictionary(fc.string({ maxLength: 10 }), anyValue, { maxKeys: 4 }).map((v) => JSON.stringify(v)),
  fc
    .record(
      { text: anyValue, opd: anyValue, reason: anyValue, with: anyValue, complaints: anyValue },
      { requiredKeys: [] },
    )
    .map((v) => JSON.stringify(v)),
  hostileText,
);

describe('the JSON API refuses what it cannot take with a clear 400', { timeout: 120_000 }, () => {
  const routes = () => [
    `/api/complaints/${complaint}/responses`,
    '/api/responses/no-such-answer/approve',
    '/api/responses/no-such-answer/reject',
    `/api/triage/${complaint}/assign`,
    `/api/triage/entries/${complaint}:status/reviewed`,
    '/api/cases/proposals/none/confirm',
    '/api/cases/proposals/none/reject',
    `/api/cases/${complaint}/merge`,
    `/api/cases/${complaint}/split`,
  ];

  it('any body on any write route: 400 with the catalogue message, or the route’s own answer, never 5xx', async () => {
    const known = new Set([t.invalidBody, t.notJson]);
    let refused = 0;
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...routes()), anyJsonBody, async (route, body) => {
        const res = await fetch(`${hooks.url}${route}`, json(body));
        expect(res.status).toBeLessThan(500);
        const answer = (await res.json()) as { error?: string; problems?: string[]; code?: string; allowed?: string[] };
        if (res.status === 400) {
          refused++;
          // An answer signed by a unit the directory does not know is refused by name, with the units allowed.
          const unknownOpd =
            answer.code === 'unknown_opd' &&
            answer.error ===
              messages('id').responses.refusal('unknown_opd', {
                opd: (JSON.parse(body) as { opd?: string }).opd?.trim(),
                known: answer.allowed,
              });
          expect(
            known.has(answer.error!) ||
              unknownOpd ||
              answer.error === messages('id').responses.refusal('unknown_opd', {}),
            JSON.stringify(answer).slice(0, 300),
          ).toBe(true);
          if (answer.error === t.invalidBody) expect(answer.problems!.length).toBeGreaterThan(0);
        }
      }),
      { numRuns: 500 },
    );
    expect(refused).toBeGreaterThan(250);
  });

  it('a body over the limit is 413 with the catalogue message', async () => {
    for (const route of routes()) {
      const res = await fetch(`${hooks.url}${route}`, json(JSON.stringify({ text: 'x'.repeat(70 * 1024) })));
      expect(res.status).toBe(413);
      expect(await res.json()).toEqual({ error: t.bodyTooLarge, code: 'body_too_large' });
    }
  });
});

describe('the workspace forms refuse what they cannot take with a clear 400', { timeout: 120_000 }, () => {
  it('an answer text that is empty, blank or too long is refused with the catalogue message; any other is written', async () => {
    const text = fc.oneof(
      fc.constantFrom('', '   ', '\n\t', 'x'.repeat(20_001)),
      hostileText,
      fc.string({ minLength: 1, maxLength: 200 }),
    );
    await fc.assert(
      fc.asyncProperty(text, async (answer) => {
        const res = await fetch(`${hooks.url}/aduan/${complaint}/jawaban`, {
          method: 'POST',
          headers: { ...ADMIN, 'Content-Type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams({ text: answer }).toString(),
          redirect: 'manual',
        });
        const trimmed = answer.trim();
        if (!trimmed || trimmed.length > 20_000) {
          expect(res.status).toBe(400);
          expect(await res.text()).toBe(`${t.answerText}\n`);
        } else expect(res.status).toBe(303);
      }),
      { numRuns: 150 },
    );
  });

  it('an answer to a complaint without an OPD is refused with the authority rules’ message, never 5xx', async () => {
    const record = { ...waRecord('65f0aaaabbbbccccdddd0002'), message: 'Lampu PJU mati di Jl. Pemuda.' };
    const body = JSON.stringify(record);
    expect(
      (await fetch(`${hooks.url}/hooks/wadesk`, { method: 'POST', headers: signedHeaders(body), body })).status,
    ).toBe(202);
    const unassigned = complaintId('wadesk', record._id);
    await waitFor(
      async () => (await hooks.redis.redis.exists(`${hooks.redis.prefix}:complaint:${unassigned}`)) === 1,
      15_000,
      'the second complaint in the ledger',
    );
    const res = await fetch(`${hooks.url}/aduan/${unassigned}/jawaban`, {
      method: 'POST',
      headers: { ...ADMIN, 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'text=Sudah+ditangani',
      redirect: 'manual',
    });
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    expect(await res.text()).toContain('belum punya OPD');
  });

  it('a form over the limit is 413', async () => {
    const res = await fetch(`${hooks.url}/aduan/${complaint}/jawaban`, {
      method: 'POST',
      headers: { ...ADMIN, 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ text: 'x'.repeat(70 * 1024) }).toString(),
    });
    expect(res.status).toBe(413);
  });
});

describe('no URL from complaint data is requested', () => {
  it('ingest, pages, search and the API show the complaint without ever calling its URLs', async () => {
    for (const path of [
      `/aduan/${complaint}`,
      '/kotak-masuk',
      '/aduan?q=Jalan',
      `/api/complaints/${complaint}`,
      '/rekap',
    ])
      expect((await fetch(`${hooks.url}${path}`, { headers: ADMIN })).status).toBe(200);
    expect(canaryHits).toBe(0);
    expect(outbound.filter((o) => o.includes(canaryHost) || o.includes('/photo.jpg'))).toEqual([]);
  });
});
