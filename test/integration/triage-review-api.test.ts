import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { messages } from '../../src/i18n/messages.js';
import { ledgerKeys } from '../../src/store/keys.js';
import type { TriageEntry } from '../../src/store/records.js';
import { ADMIN, startHookDaemon, type HookDaemon } from '../support/hook-daemon.js';

/**
 * POST /api/triage/entries/:id/reviewed on a real daemon and Redis: the entries as ingest
 * files them (written here straight into the triage hash), Redis read back as ground truth.
 */
let hooks: HookDaemon;
beforeAll(async () => {
  hooks = await startHookDaemon('triage-review');
}, 60_000);
afterAll(async () => {
  await hooks?.stop();
});

const AT = '2026-03-02T02:00:00.000Z';
const entry = (complaintId: string, kind: TriageEntry['kind'], value: string): TriageEntry => ({
  kind,
  complaintId,
  source: 'wadesk',
  value,
  at: AT,
});

async function file(entries: Record<string, TriageEntry>): Promise<void> {
  const keys = ledgerKeys(hooks.redis.prefix);
  await hooks.redis.redis.hset(keys.triage(), ...Object.entries(entries).flatMap(([id, e]) => [id, JSON.stringify(e)]));
}

async function reviewed(id: string, body: unknown) {
  const res = await fetch(`${hooks.url}/api/triage/entries/${encodeURIComponent(id)}/reviewed`, {
    method: 'POST',
    headers: { ...ADMIN, 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as unknown };
}

describe('marking triage entries reviewed over the API (real daemon, real Redis)', () => {
  it('takes one entry, or every one alike, in the caller’s name; refuses what needs an OPD or was filed again', async () => {
    const keys = ledgerKeys(hooks.redis.prefix);
    const t = messages('id').api;
    await file({
      'c-a:status': entry('c-a', 'unmapped_status', 'DITUNDA'),
      'c-b:status': entry('c-b', 'unmapped_status', 'DITUNDA'),
      'c-c:status': entry('c-c', 'unmapped_status', 'DITUNDA'),
      'c-d:status': entry('c-d', 'unmapped_status', 'LAIN'),
      'c-a:route': entry('c-a', 'unrouted', '(tanpa OPD)'),
    });
    const held = async () => (await hooks.redis.redis.hkeys(keys.triage())).sort();

    expect(await reviewed('c-a:route', {})).toEqual({
      status: 409,
      body: { error: t.triageNeedsOpd, code: 'NEEDS_OPD' },
    });
    expect(await reviewed('c-a:status', { seenAt: '2026-03-01T00:00:00.000Z' })).toEqual({
      status: 409,
      body: { error: t.triageFiledAgain, code: 'FILED_AGAIN' },
    });
    expect(await reviewed('c-a:status', { seenAt: AT })).toEqual({ status: 200, body: { reviewed: 1 } });
    expect(await held()).toEqual(['c-a:route', 'c-b:status', 'c-c:status', 'c-d:status']);
    expect(await reviewed('c-b:status', { same: true })).toEqual({ status: 200, body: { reviewed: 2 } });
    expect(await held()).toEqual(['c-a:route', 'c-d:status']);
    expect(await reviewed('c-b:status', {})).toEqual({
      status: 404,
      body: { error: t.noTriageEntry('c-b:status'), code: 'NOT_FOUND' },
    });

    // Each complaint's own trail says who reviewed what; the global stream has them too.
    for (const id of ['c-a', 'c-b', 'c-c']) {
      const [newest] = await hooks.redis.redis.lrange(keys.complaintTrail(id), 0, 0);
      expect(JSON.parse(newest!)).toEqual(expect.arrayContaining(['who', 'operator:admin', 'what', 'triage_reviewed']));
    }
    const stream = await hooks.redis.redis.xrange(keys.audit(), '-', '+');
    expect(stream.filter(([, f]) => f.includes('triage_reviewed'))).toHaveLength(3);
  });
});
