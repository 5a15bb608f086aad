import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cursorPullsFrom } from '../../../src/connectors/pulls-from.js';
import type { Connector } from '../../../src/connectors/types.js';
import { startRegionalSandbox, type RunningRegionalSandbox } from '../../../src/sandbox/regional/index.js';
import { drafts, presetConnector, pullAll } from './support.js';

/**
 * "Next pull from" on `status` and /sync-logs: the change time a source's cursor asks from next,
 * checked against what the pull returned (the sandbox's records), not against the cursor alone.
 */
let sandbox: RunningRegionalSandbox;
const connectors: Connector[] = [];
const open = (file: string, source: string, env: Record<string, string>) => {
  const c = presetConnector(file, source, env);
  connectors.push(c);
  return c;
};

beforeAll(async () => {
  sandbox = await startRegionalSandbox({ seed: 5, counts: { wa: 30, superapp: 30, bupati: 1, open311: 30 } });
});
afterAll(async () => {
  await Promise.all(connectors.map((c) => c.close()));
  await sandbox.close();
});

describe("where a source's next pull starts, as its cursor says", () => {
  it.each([
    ['wa-desk.yaml', 'wadesk'],
    ['open311.yaml', 'open311'],
  ] as const)(
    '%s: after a full pull, the position is within one overlap of the newest record read, never after now',
    async (file, source) => {
      const connector = open(file, source, sandbox.env[source === 'wadesk' ? 'wa' : source]!);
      const started = Date.now();
      const { records, cursor } = await pullAll(connector);
      const newestOf = (times: string[]) => Math.max(...times.map((t) => Date.parse(t)));
      // Open311 lists requests by filing time and its updates apart: the next pull goes on from
      // the earlier of their positions.
      const updates = (sandbox.state().open311 as { updates: { updated_datetime: string }[] }).updates;
      const newest =
        source === 'open311'
          ? Math.min(
              newestOf(drafts(records).map((d) => d.reportedAt)),
              newestOf(updates.map((u) => u.updated_datetime)),
            )
          : newestOf(drafts(records).map((d) => d.updatedAt ?? d.reportedAt));
      const pullsFrom = Date.parse(cursorPullsFrom(connector, cursor)!);
      // The cursor starts its next window one overlap (300 s) before what it has seen, never after "now".
      expect(pullsFrom).toBeGreaterThanOrEqual(Math.min(newest, started) - 300_000 - 1000);
      expect(pullsFrom).toBeLessThanOrEqual(Date.now());
      // A backfill's start is read back as it was asked.
      const since = new Date('2026-01-05T03:00:00.000Z');
      expect(cursorPullsFrom(connector, connector.cursorSince(since))).toBe(since.toISOString());
    },
  );

  it('says nothing for a list paged by an opaque token, or a cursor another connector wrote', async () => {
    const superapp = open('superapp.yaml', 'superapp', sandbox.env.superapp!);
    const { cursor } = await pullAll(superapp);
    expect(cursorPullsFrom(superapp, cursor)).toBeUndefined();
    const wadesk = open('wa-desk.yaml', 'wadesk', sandbox.env.wa!);
    expect(cursorPullsFrom(wadesk, 'o311v1.bm90LWEtY3Vyc29y')).toBeUndefined();
    expect(cursorPullsFrom(wadesk, null)).toBeUndefined();
  });
});
