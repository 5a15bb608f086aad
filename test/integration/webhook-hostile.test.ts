import { createHmac } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { complaintId } from '../../src/domain/complaint.js';
import { MAX_BODY_DEPTH } from '../../src/http/hooks.js';
import { messages } from '../../src/i18n/messages.js';
import { ledgerKeys } from '../../src/store/keys.js';
import { waitFor } from '../support/cli.js';
import { ADMIN, HOOK_SECRET, signedHeaders, startHookDaemon, type HookDaemon } from '../support/hook-daemon.js';
import type { TestRedis } from '../support/redis.js';
import { anyText, hostileText } from '../unit/properties/arbitraries.js';

/**
 * POST /hooks/<channel> on the real daemon (real Redis, own prefix) under hostile deliveries:
 * every refusal is a clear 4xx that stores nothing, nothing answers 5xx or leaves a promise
 * rejected, and whatever is stored is shown escaped on the pages that show it.
 */

/** The daemon answers in Indonesian (its default language); programs read the code. */
const said = messages('id').api.hooks;
/** The default body limit of a webhook (256 KiB). */
const LIMIT = 256 * 1024;
const SECRET = HOOK_SECRET;
const signed = signedHeaders;
const nowSeconds = () => Math.floor(Date.now() / 1000);
const hmac = (secret: string, payload: string | Buffer) => createHmac('sha256', secret).update(payload).digest('hex');

let counter = 0;
/** A record id of its own per delivery, so no delivery is "unchanged" by another's. */
const nextId = () => `65f0${(++counter).toString(16).padStart(20, '0')}`;

/** The WhatsApp desk's report shape; `text` goes into every string field. */
function report(id: string, text: (field: string) => string) {
  return {
    _id: id,
    from: text('from'),
    user: { name: text('user.name') },
    message: text('message'),
    location: {
      description: text('location.description'),
      desa: text('location.desa'),
      kecamatan: text('location.kecamatan'),
      kabupaten: text('location.kabupaten'),
      latitude: text('location.latitude'),
      longitude: text('location.longitude'),
    },
    photos: [text('photos.0')],
    createdAt: '2026-03-01T02:00:00.000Z',
    updatedAt: '2026-03-01T02:00:00.000Z',
  };
}

/** Bodies a forger may send: hostile records, random bytes, text. */
const anyBody: fc.Arbitrary<Buffer> = fc.oneof(
  fc
    .record({ message: hostileText, name: hostileText })
    .map((r) => Buffer.from(JSON.stringify(report(nextId(), (f) => (f === 'message' ? r.message : r.name))))),
  fc.uint8Array({ maxLength: 512 }).map((a) => Buffer.from(a)),
  anyText.map((t) => Buffer.from(t)),
);

type Forgery = (body: Buffer) => Record<string, string>;
/** Every way a delivery's proof can be missing or wrong. */
const forgery: fc.Arbitrary<Forgery> = fc.oneof(
  fc.constant<Forgery>(() => ({ 'Content-Type': 'application/json' })),
  fc.constant<Forgery>((body) => ({ ...signed(body), 'X-Signature-256': '' })),
  fc.constant<Forgery>((body) => {
    const { 'X-Timestamp': _dropped, ...rest } = signed(body);
    return rest;
  }),
  fc.string({ maxLength: 40 }).map<Forgery>((secret) => (body) => {
    const at = nowSeconds();
    return {
      ...signed(body, at),
      'X-Signature-256': `sha256=${hmac(`${secret}x`, Buffer.concat([Buffer.from(`${at}.`), body]))}`,
    };
  }),
  // Signed over another body (a captured signature reused for new content).
  fc.uint8Array({ minLength: 1, maxLength: 64 }).map<Forgery>((other) => (body) => {
    const headers = signed(Buffer.concat([body, Buffer.from(other)]));
    return headers;
  }),
  // A captured delivery replayed after the window, or dated ahead of it: by 305 s at least, as
  // the stamp is in whole seconds and the daemon checks it against its clock a moment later (at
  // 301 s ahead, a check more than a second after the stamp's second found it inside the window).
  fc
    .oneof(fc.integer({ min: 305, max: 10_000_000 }), fc.integer({ min: -10_000_000, max: -305 }))
    .map<Forgery>((shift) => (body) => signed(body, nowSeconds() - shift)),
  // Junk where the time or the digest belongs.
  fc.string({ maxLength: 30 }).map<Forgery>((junk) => (body) => ({
    ...signed(body),
    'X-Timestamp': junk.replace(/[^\x20-\x7e]/g, ''),
  })),
  fc.string({ unit: fc.constantFrom(...'0123456789abcdef'), maxLength: 80 }).map<Forgery>((hex) => (body) => ({
    ...signed(body),
    'X-Signature-256': `sha256=${hex}`,
  })),
  // The right digest of the body alone, without the time it must cover.
  fc.constant<Forgery>((body) => ({ ...signed(body), 'X-Signature-256': `sha256=${hmac(SECRET, body)}` })),
);

let hooks: HookDaemon;
let redis: TestRedis;
let url: string;
let logs: HookDaemon['logs'];
const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown) => void unhandled.push(reason);
const admin = ADMIN;

/** What a delivery may leave behind: raw records, reporter identities, quarantine entries, complaints. */
async function stored(): Promise<Record<'raw' | 'reporters' | 'quarantine' | 'complaints', number>> {
  const keys = ledgerKeys(redis.prefix);
  const [raw, reporters, quarantine, complaints] = (await redis.redis
    .multi()
    .hlen(keys.rawRecords('wadesk'))
    .hlen(keys.reporters('wadesk'))
    .hlen(keys.quarantine())
    .zcard(keys.complaintIndex())
    .exec())!.map(([err, n]) => {
    if (err) throw err;
    return n as number;
  });
  return { raw: raw!, reporters: reporters!, quarantine: quarantine!, complaints: complaints! };
}

const post = (body: Buffer | string, headers: Record<string, string>) =>
  fetch(`${url}/hooks/wadesk`, { method: 'POST', headers, body });

beforeAll(async () => {
  process.on('unhandledRejection', onUnhandled);
  // Thousands of deliveries a minute from one address: the request limit is not what is tested here.
  hooks = await startHookDaemon('hostile-hooks', { http: { requestsPerMinute: 0 } });
  ({ redis, url, logs } = hooks);
});

afterAll(async () => {
  await hooks?.stop();
  process.off('unhandledRejection', onUnhandled);
});

// Counts of runs are for an idle machine (~1-2 ms a request); the time limit leaves room for a busy one.
describe('hostile webhook deliveries (real daemon, real Redis)', { timeout: 120_000 }, () => {
  it('a missing, wrong, reused or stale signature is a 401 that stores nothing', async () => {
    const before = await stored();
    await fc.assert(
      fc.asyncProperty(anyBody, forgery, async (body, forge) => {
        const res = await post(body, forge(body));
        expect(res.status).toBe(401);
        expect(await res.json()).toEqual({ error: said.signatureRefused, code: 'signature_refused' });
      }),
      { numRuns: 1000 },
    );
    expect(await stored()).toEqual(before);
    expect(logs.lines().filter((l) => l.msg === 'webhook signature refused').length).toBeGreaterThanOrEqual(1000);
  });

  it('a genuine delivery replayed within the window changes nothing', async () => {
    const id = nextId();
    const body = JSON.stringify({
      _id: id,
      from: '6281399887766',
      user: { name: 'Warga' },
      message: 'Jalan di Desa Jepon berlubang, mohon diperbaiki.',
      createdAt: '2026-03-01T02:00:00.000Z',
      updatedAt: '2026-03-01T02:00:00.000Z',
    });
    const headers = signed(body);
    expect((await post(body, headers)).status).toBe(202);
    const keys = ledgerKeys(redis.prefix);
    await waitFor(
      async () => (await redis.redis.hlen(keys.rawRecords('wadesk'))) === 0,
      20_000,
      'the delivery ingested',
    );
    const before = await stored();
    await fc.assert(
      fc.asyncProperty(fc.constant(null), async () => {
        const res = await post(body, headers);
        expect(res.status).toBe(202);
        expect(await res.json()).toEqual({ accepted: 1, quarantined: 0, unchanged: 1 });
      }),
      { numRuns: 50 },
    );
    expect(await stored()).toEqual(before);
  });

  it('a body over the limit is a 413, signed or not, and stores nothing', async () => {
    const before = await stored();
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: LIMIT + 1, max: LIMIT * 3 }),
        fc.constantFrom('x', '{"a":', '[', '\u00e9', '\u0000'),
        fc.boolean(),
        async (size, unit, sign) => {
          const body = Buffer.alloc(size, unit);
          const res = await post(body, sign ? signed(body) : { 'Content-Type': 'application/json' });
          expect(res.status).toBe(413);
          expect(await res.json()).toEqual({ error: said.bodyTooLarge(LIMIT), code: 'body_too_large' });
        },
      ),
      { numRuns: 100 },
    );
    expect(await stored()).toEqual(before);
  });

  it('a signed body that is not JSON is a 400, kept in quarantine with its reason and nowhere else', async () => {
    const notJson = fc
      .oneof(
        anyText,
        fc.uint8Array({ maxLength: 256 }).map((a) => Buffer.from(a).toString('latin1')),
        hostileText,
      )
      .filter((text) => {
        try {
          JSON.parse(text);
          return false;
        } catch {
          return true;
        }
      });
    const before = await stored();
    let runs = 0;
    await fc.assert(
      fc.asyncProperty(notJson, async (text) => {
        runs++;
        const res = await post(text, signed(text));
        expect(res.status).toBe(400);
        expect(await res.json()).toMatchObject({ error: said.notJsonKept, code: 'not_json', accepted: 0 });
      }),
      { numRuns: 300 },
    );
    const after = await stored();
    // Identical bodies share one quarantine entry; never more entries than deliveries.
    expect(after.quarantine - before.quarantine).toBeGreaterThan(0);
    expect(after.quarantine - before.quarantine).toBeLessThanOrEqual(runs);
    expect({ ...after, quarantine: 0 }).toEqual({ ...before, quarantine: 0 });
  });

  it('signed JSON nested to any depth within the limit is answered 4xx or 202, never 5xx', async () => {
    const shapes = fc.constantFrom(
      (d: number) => `${'['.repeat(d)}${']'.repeat(d)}`,
      (d: number) => `${'{"a":'.repeat(d)}1${'}'.repeat(d)}`,
      (d: number) => `[${'{"message":'.repeat(d)}"x"${'}'.repeat(d)}]`,
      (d: number) => `{"_id":"65f0deep","message":"Jalan rusak","user":${'{"name":'.repeat(d)}"x"${'}'.repeat(d)}}`,
    );
    await fc.assert(
      fc.asyncProperty(
        shapes,
        fc.oneof(fc.integer({ min: 1, max: 80 }), fc.integer({ min: 1, max: Math.floor(LIMIT / 12) })),
        async (shape, depth) => {
          const body = shape(depth);
          const res = await post(body, signed(body));
          // The deepest shapes can pass the body limit itself: that is the 413 of the limit, still no 5xx.
          const overLimit = Buffer.byteLength(body) > LIMIT;
          expect(overLimit ? [413] : [202, 400]).toContain(res.status);
          if (!overLimit && depth > MAX_BODY_DEPTH + 1)
            expect(await res.json()).toMatchObject({
              error: said.tooDeepKept(MAX_BODY_DEPTH),
              code: 'too_deep',
              quarantined: 1,
            });
        },
      ),
      { numRuns: 60 },
    );
    expect(unhandled).toEqual([]);
  });

  it('signed records with markup, control characters and any unicode in every field are taken, and shown escaped on every page', async () => {
    const marker = (n: number, field: string) => `<x-inj data-n="${n}" data-f="${field}">`;
    const taken: string[] = [];
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(hostileText, hostileText), { minLength: 1, maxLength: 3 }),
        fc.constantFrom('"', "'", '"><', "'><", '</p><', '<!--', ']]>', '\u0000', '\u202e', '\uFEFF'),
        async (parts, breaker) => {
          const n = counter + 1;
          const records = parts.map(([head, tail]) => {
            const id = nextId();
            return report(id, (field) => `${head}${breaker}${marker(n, field)}&lt;x-inj&gt;${tail} Jalan rusak`);
          });
          const body = JSON.stringify(records.length === 1 ? records[0] : records);
          const res = await post(body, signed(body));
          expect(res.status).toBe(202);
          const result = (await res.json()) as { accepted: number; quarantined: number; unchanged: number };
          expect(result.accepted + result.quarantined + result.unchanged).toBe(records.length);
          for (const r of records) taken.push(r._id);
        },
      ),
      { numRuns: 120 },
    );
    const keys = ledgerKeys(redis.prefix);
    // Every delivery ends in the ledger or in quarantine with a reason: the raw copies are gone then.
    await waitFor(
      async () => (await redis.redis.hlen(keys.rawRecords('wadesk'))) === 0,
      30_000,
      'every raw record taken into the ledger or quarantine',
    );
    const shown = [];
    for (const id of taken) {
      const cid = complaintId('wadesk', id);
      if (!(await redis.redis.exists(keys.complaint(cid)))) continue;
      const page = await (await fetch(`${url}/aduan/${cid}`, { headers: admin })).text();
      shown.push(page);
    }
    const inbox = await fetch(`${url}/kotak-masuk`, { headers: admin });
    expect(inbox.status).toBe(200);
    shown.push(await inbox.text());
    // Some complaints were stored and shown, with their markup as text.
    expect(shown.length).toBeGreaterThan(10);
    for (const page of shown) {
      expect(page).not.toMatch(/<x-inj/i);
      expect(page).not.toMatch(/<script/i);
    }
    expect(shown.join('')).toContain('&lt;x-inj&gt;');
    expect(unhandled).toEqual([]);
  });
});
