import { afterEach, describe, expect, it } from 'vitest';
import type { ComplaintDraft } from '../../../src/domain/draft.js';
import { startRegionalSandbox, type RunningRegionalSandbox } from '../../../src/sandbox/regional/index.js';
import { laporHarness, manualClock, pullRun, type Harness } from '../lapor-harness.js';
import { admin, byId, presetConnector, pullAll } from '../regional/support.js';

/**
 * Sources stamp changes at whole seconds. A record read in the same second in which it is
 * changed again carries the same stamp twice: a pull that remembers "this id at this time
 * was delivered" must not skip the second change. Counted on the simulator: after the next
 * pull, the bridge holds what the simulator holds.
 */
let h: Harness | undefined;
let regional: RunningRegionalSandbox | undefined;
afterEach(async () => {
  await h?.close();
  await regional?.close();
  h = regional = undefined;
});

const locationOf = (d: ComplaintDraft | undefined): string | undefined => d?.location?.text;

describe('a record changed again within the second in which it was read', () => {
  it.each([0, 300])('LAPOR (look-back %i s): the second change comes with the next pull', async (lookBackSeconds) => {
    h = await laporHarness({ config: { lookBackSeconds } });
    const id = h.sandbox.visibleTrackingIds()[5]!;
    h.clock.advance(300);
    h.sandbox.editReport(id, { lokasi: 'Desa Jepon RT 01' });
    const stamp = h.sandbox.report(id)!.lastActivityAt;
    const first = await pullRun(h, null);
    const read = first.records.find((r) => r.ok && r.externalId === id);
    expect(read?.ok && locationOf(read.draft)).toBe('Desa Jepon RT 01');

    // Later in the same second: LAPOR stamps the change with the same time.
    h.clock.advance(400);
    h.sandbox.editReport(id, { lokasi: 'Desa Jepon RT 02' });
    expect(h.sandbox.report(id)!.lastActivityAt).toBe(stamp);

    h.clock.advance(5000);
    const next = await pullRun(h, first.cursor);
    const again = next.records.filter((r) => r.ok && r.externalId === id);
    expect(again).toHaveLength(1);
    expect(again[0]!.ok && locationOf(again[0]!.draft)).toBe(h.sandbox.report(id)!.location);
    expect(h.sandbox.report(id)!.location).toBe('Desa Jepon RT 02');
  });

  it.each([
    // The super-app's times are whole seconds; the Bupati app's milliseconds, changed again within the millisecond.
    ['superapp', 'superapp.yaml', 'superapp', 'description', 400],
    ['bupatiapp', 'bupati-app.yaml', 'bupati', 'description', 0],
  ] as const)('%s: the second change comes with the next pull', async (source, preset, system, field, laterMs) => {
    const clock = manualClock('2026-03-04T03:00:00.300Z');
    regional = await startRegionalSandbox({
      seed: 5,
      now: () => clock.now(),
      counts: { wa: 0, superapp: 0, bupati: 0, open311: 0, [system]: 12 },
    });
    const connector = presetConnector(preset, source, regional.env[system], clock);
    try {
      const ids = () =>
        (
          (regional!.state() as Record<string, Record<string, { id: string | number }[]>>)[system]![
            system === 'superapp' ? 'complaints' : 'reports'
          ] ?? []
        ).map((r) => String(r.id));
      const id = ids()[3]!;
      const textOf = () =>
        (regional!.state() as Record<string, Record<string, Record<string, unknown>[]>>)[system]![
          system === 'superapp' ? 'complaints' : 'reports'
        ]!.find((r) => String(r.id) === id)![field] as string;

      await admin(regional.url, 'PATCH', `/${system}/records/${id}`, { [field]: 'Jalan rusak di Desa Jepon (1).' });
      const first = await pullAll(connector);
      expect(byId(first.records).get(id)?.body).toContain('(1)');

      // Later within the time the source stamps as one.
      clock.advance(laterMs);
      await admin(regional.url, 'PATCH', `/${system}/records/${id}`, { [field]: 'Jalan rusak di Desa Jepon (2).' });

      clock.advance(5000);
      const next = await pullAll(connector, first.cursor);
      expect(byId(next.records).get(id)?.body, `${source} ${id}`).toContain(textOf().replace(/\.$/, ''));
      expect(textOf()).toContain('(2)');
    } finally {
      await connector.close();
    }
  });
});
