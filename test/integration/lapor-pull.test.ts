import { afterEach, describe, expect, it } from 'vitest';
import { UNSETTLED_MS } from '../../src/connectors/lapor/pull.js';
import { ConnectorError } from '../../src/domain/failures.js';
import { laporHarness, okIds, pullRun, type Harness } from './lapor-harness.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

function expectExactlyOnce(ids: string[], expected: string[]): void {
  expect(ids.length).toBe(new Set(ids).size);
  expect([...ids].sort()).toEqual([...expected].sort());
}

describe('LAPOR connector against the sandbox: incremental pull', () => {
  it('returns every report exactly once across many pages, though pages are served twice and reports edited mid-pull', async () => {
    h = await laporHarness({
      sandbox: { reports: 400, faults: { duplicatePage: { every: 3 }, editAfterList: { every: 2 } } },
    });
    const expected = h.sandbox.visibleTrackingIds();
    expect(expected.length).toBeGreaterThan(250);

    const run = await pullRun(h, null);
    const faults = h.sandbox.faults.state().fired;
    expect(faults.duplicatePage).toBeGreaterThan(3);
    expect(faults.editAfterList).toBeGreaterThan(3);
    expect(run.pages).toBeGreaterThan(15);
    expect(run.records.every((r) => r.ok)).toBe(true);
    expectExactlyOnce(okIds(run.records), expected);

    // The edits happened after their reports were listed: they arrive in the next run, as new versions.
    h.sandbox.faults.reset();
    h.clock.advance(UNSETTLED_MS);
    const next = await pullRun(h, run.cursor);
    const edited = okIds(next.records);
    expect(edited.length).toBeGreaterThan(0);
    expect(edited.length).toBeLessThanOrEqual(faults.editAfterList!);
    expect(new Set(edited).size).toBe(edited.length);
    for (const r of next.records) {
      if (!r.ok) continue;
      const first = run.records.find((x) => x.ok && x.externalId === r.externalId);
      expect(first?.ok && first.draft.updatedAt < r.draft.updatedAt).toBe(true);
    }

    // Nothing changed since, and what the last run read is settled: a run delivers nothing.
    h.clock.advance(UNSETTLED_MS);
    expect(okIds((await pullRun(h, next.cursor)).records)).toEqual([]);
  });

  it('picks up new reports and new answers in later runs, with or without a look-back overlap', async () => {
    for (const lookBackSeconds of [0, 600]) {
      h = await laporHarness({ config: { lookBackSeconds } });
      const first = await pullRun(h, null);
      expectExactlyOnce(okIds(first.records), h.sandbox.visibleTrackingIds());

      h.clock.advance(60_000);
      const added = h.sandbox.addReport();
      const answered = h.sandbox.visibleTrackingIds()[3]!;
      h.sandbox.act(answered, { action: 'komentar', note: 'Mohon kabar terbaru.' });
      h.clock.advance(1000);
      const second = await pullRun(h, first.cursor);
      expectExactlyOnce(okIds(second.records), [added, answered]);
      await h.close();
      h = undefined;
    }
  });

  it('keeps a broken record out of the way: it comes back raw with a reason, the page goes on', async () => {
    h = await laporHarness({ sandbox: { reports: 200, faults: { malformed: { every: 17 } } } });
    const expected = h.sandbox.visibleTrackingIds();
    const run = await pullRun(h, null);
    const failed = run.records.filter((r) => !r.ok);
    expect(failed.length).toBeGreaterThan(3);
    for (const f of failed) {
      expect(f.ok).toBe(false);
      if (!f.ok) {
        expect(f.reason).toMatch(/^LAPOR record failed validation: /);
        expect(f.raw).toBeTypeOf('object');
      }
    }
    const ok = okIds(run.records);
    expect(ok.length).toBe(new Set(ok).size);
    const accounted = new Set([...ok, ...failed.map((f) => f.externalId)]);
    for (const id of expected) expect(accounted.has(id)).toBe(true);
  });

  it('waits out a short maintenance window itself, honouring Retry-After', async () => {
    h = await laporHarness();
    h.sandbox.faults.configure({ maintenance: { forSeconds: 20 } });
    const run = await pullRun(h, null);
    expect(run.retried).toEqual([]);
    expect(h.clock.slept[0]).toBe(20_000);
    expectExactlyOnce(okIds(run.records), h.sandbox.visibleTrackingIds());
  });

  it('hands a long maintenance window back to the queue as TRANSIENT with its Retry-After, then resumes from the same cursor', async () => {
    h = await laporHarness();
    const first = await h.connector.pull(null);
    h.sandbox.faults.configure({ maintenance: { forSeconds: 2 * 3600 } });
    const failure = await h.connector.pull(first.nextCursor).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(ConnectorError);
    expect(failure).toMatchObject({ code: 'TRANSIENT', status: 503, retryAfterMs: 2 * 3600 * 1000 });
    const rest = await pullRun(h, first.nextCursor);
    expect(rest.retried).toContain('TRANSIENT');
    expectExactlyOnce([...okIds(first.records), ...okIds(rest.records)], h.sandbox.visibleTrackingIds());
  });

  it('survives 429s: short Retry-After waited out in place, repeated ones left to the queue', async () => {
    h = await laporHarness({ sandbox: { faults: { rateLimit: { every: 2, retryAfterSeconds: 1 } } } });
    const run = await pullRun(h, null);
    expect(h.clock.slept.filter((ms) => ms === 1000).length).toBeGreaterThan(2);
    expectExactlyOnce(okIds(run.records), h.sandbox.visibleTrackingIds());

    h.sandbox.faults.configure({ rateLimit: { times: 3, retryAfterSeconds: 1 } });
    const limited = await h.connector.pull(null).catch((e: unknown) => e);
    expect(limited).toMatchObject({ code: 'RATE_LIMITED', status: 429, retryAfterMs: 1000 });
  });

  it('reports slow answers past the timeout, 5xx and dropped connections as TRANSIENT', async () => {
    h = await laporHarness({ config: { timeoutMs: 200 } });
    h.sandbox.faults.configure({ timeout: { times: 1, hangMs: 5000 } });
    await expect(h.connector.pull(null)).rejects.toMatchObject({ code: 'TRANSIENT' });
    h.sandbox.faults.configure({ serverError: { times: 1, statuses: [502] } });
    await expect(h.connector.pull(null)).rejects.toMatchObject({ code: 'TRANSIENT', status: 502 });
    h.sandbox.faults.configure({ slow: { times: 1, delayMs: 50 } });
    expect((await h.connector.pull(null)).records.length).toBeGreaterThan(0);
  });

  it('reports a wrong token as AUTH at once, without retrying', async () => {
    h = await laporHarness({ token: 'wrong-token', config: { retryAfter: { attempts: 5 } } });
    await expect(pullRun(h, null)).rejects.toMatchObject({ code: 'AUTH', status: 403 });
    expect(h.clock.slept).toEqual([]);
  });

  it('reports a 200 {"status":false,"message":"token invalid"} as AUTH', async () => {
    h = await laporHarness({ token: 'wrong-token', sandbox: { auth: { failure: 'body' } } });
    await expect(h.connector.pull(null)).rejects.toMatchObject({
      code: 'AUTH',
      message: expect.stringContaining('token invalid'),
    });
  });

  it.each(['header', 'bearer', 'keytoken'] as const)(
    'authenticates with the %s style when both sides agree, and gets AUTH when they do not',
    async (style) => {
      h = await laporHarness({ sandbox: { auth: { style } }, config: { auth: { style } } });
      expectExactlyOnce(okIds((await pullRun(h, null)).records), h.sandbox.visibleTrackingIds());
      await h.close();
      h = await laporHarness({
        sandbox: { auth: { style } },
        config: { auth: { style: style === 'header' ? 'bearer' : 'header' } },
      });
      await expect(h.connector.pull(null)).rejects.toMatchObject({ code: 'AUTH', status: 401 });
    },
  );

  it("fetches each report's detail when list items are configured as summaries", async () => {
    h = await laporHarness({ config: { fetchDetail: true }, sandbox: { faults: { duplicatePage: { every: 2 } } } });
    const run = await pullRun(h, null);
    expectExactlyOnce(okIds(run.records), h.sandbox.visibleTrackingIds());
  });

  it('rejects a cursor it did not write as CURSOR_INVALID', async () => {
    h = await laporHarness();
    await expect(h.connector.pull('not-a-cursor')).rejects.toMatchObject({ code: 'CURSOR_INVALID' });
  });
});
