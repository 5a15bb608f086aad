import { afterEach, describe, expect, it } from 'vitest';
import { laporHarness, pullRun, type Harness } from '../lapor-harness.js';

/**
 * A run starts by reading the look-back window again (changes that became visible late).
 * LAPOR cuts every answer at its own page limit (100 in the sandbox), however many the
 * bridge asks for: what the window holds beyond that cut must still be read. Counted on the
 * simulator: every version it holds in the window reaches the bridge.
 */
let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

describe('LAPOR look-back window longer than LAPOR’s page limit', () => {
  it('reads the whole window: versions beyond the cut of the first answer are not jumped over', async () => {
    // LAPOR's clock is the harness's, set back while the late writes are made.
    let lateMs = 0;
    const ours: { clock?: Harness['clock'] } = {};
    const now = () => new Date((ours.clock?.now().getTime() ?? Date.parse('2024-03-04T03:00:00Z')) - lateMs);
    h = await laporHarness({
      sandbox: { reports: 300, pageSize: { default: 50, max: 100 }, now },
      config: { pageSize: 100, lookBackSeconds: 600 },
    });
    ours.clock = h.clock;
    const first = await pullRun(h, null);
    expect(first.records.length).toBe(h.sandbox.visibleTrackingIds().length);

    // 150 reports changed with a time a minute back: written late, visible only now, inside the window.
    h.clock.advance(10_000);
    lateMs = 60_000;
    const late = h.sandbox.visibleTrackingIds().slice(0, 150);
    for (const [i, id] of late.entries()) h.sandbox.editReport(id, { lokasi: `Desa Kemiri RT ${i}` });
    lateMs = 0;
    h.clock.advance(5_000);

    const next = await pullRun(h, first.cursor);
    const read = new Map(next.records.flatMap((r) => (r.ok ? [[r.externalId, r.draft.location?.text]] : [])));
    const missed = late.filter((id) => read.get(id) !== h!.sandbox.report(id)!.location);
    expect(missed, `${missed.length} of ${late.length} late versions not read`).toEqual([]);
  });
});
