import { afterEach, describe, expect, it } from 'vitest';
import { complaintId } from '../../../src/domain/complaint.js';
import { startLaporSandbox, type LaporSandbox } from '../../../src/sandbox/lapor/index.js';
import { startRegionalSandbox, type RunningRegionalSandbox } from '../../../src/sandbox/regional/index.js';
import { replayQuarantined } from '../../../src/app/replay.js';
import { laporSourceConfig } from '../../support/lapor-source.js';
import { startTestPipeline, type TestPipeline } from '../../support/pipeline.js';
import { missingFromLedger, pollUntilComplete, regionalConfig } from './support.js';

let pipe: TestPipeline | undefined;
let lapor: LaporSandbox | undefined;
let regional: RunningRegionalSandbox | undefined;
afterEach(async () => {
  await pipe?.stop();
  await lapor?.close();
  await regional?.close();
  pipe = lapor = regional = undefined;
});

async function quarantined(p: TestPipeline) {
  return (await p.runtime.store.quarantine.entries.list(10_000)).map(([, e]) => e);
}

describe('quarantine never ends a record’s life (real sandboxes, real Redis)', () => {
  it('LAPOR reports served malformed once are fetched again after the poll and reach the ledger', async () => {
    const frozen = new Date();
    lapor = await startLaporSandbox({
      reports: 300,
      seed: 31,
      now: () => frozen,
      faults: { malformed: { rate: 0.1 } },
    });
    const visible = lapor.visibleTrackingIds();
    pipe = await startTestPipeline({
      file: laporSourceConfig(
        lapor,
        { pageSize: 20 },
        { pipeline: { quarantineRefetch: { perPoll: 500, afterMs: 0 } } },
      ),
      env: { LAPOR_TOKEN: lapor.token },
    });
    const result = await pollUntilComplete(pipe, 'lapor', () => visible, 6);
    expect(lapor.faults.state().fired.malformed).toBeGreaterThan(5);
    expect(result.missing).toEqual([]);
    expect(await pipe.runtime.store.ledger.count()).toBe(visible.length);
    expect(await quarantined(pipe)).toEqual([]);
  }, 120_000);

  it('replay fetches the record from the source, not only the kept copy', async () => {
    const frozen = new Date();
    lapor = await startLaporSandbox({
      reports: 20,
      seed: 32,
      now: () => frozen,
      faults: { malformed: { every: 1, times: 3 } },
    });
    pipe = await startTestPipeline({
      file: laporSourceConfig(lapor, { pageSize: 50 }, { pipeline: { quarantineRefetch: { perPoll: 0, afterMs: 0 } } }),
      env: { LAPOR_TOKEN: lapor.token },
    });
    await pipe.runtime.enqueuePoll('lapor', 'live', 'one');
    await pipe.drain();
    const entries = await pipe.runtime.store.quarantine.entries.list(100);
    expect(entries.length).toBeGreaterThan(0);
    for (const [id] of entries)
      expect(await replayQuarantined(pipe.runtime, id)).toMatchObject({ outcome: 'requeued' });
    await pipe.drain();
    expect(await missingFromLedger(pipe, 'lapor', lapor.visibleTrackingIds())).toEqual([]);
    expect(await quarantined(pipe)).toEqual([]);
  });

  it('Open311 requests whose own GET failed when their update came are fetched again and cleared', async () => {
    regional = await startRegionalSandbox({ seed: 35, counts: { wa: 0, superapp: 0, bupati: 0, open311: 40 } });
    const config = regionalConfig(regional, { open311: 'open311.yaml' });
    pipe = await startTestPipeline({ file: config.file, env: config.env });
    await pipe.runtime.enqueuePoll('open311', 'live', 'one');
    await pipe.drain();
    const requests = () =>
      (regional!.state() as { open311: { requests: { service_request_id: string; updated_datetime: string }[] } })
        .open311.requests;
    // Older requests get an update: the next window lists the updates and GETs each request.
    for (const r of requests().slice(0, 12))
      await fetch(`${regional.url}/_sandbox/open311/requests/${r.service_request_id}/updates`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ status: 'fixed', description: 'Jalan sudah diperbaiki.' }),
      });
    // Both lists answer; every third call after them (a request's own GET) fails.
    regional.faults.configure({ serverError: { every: 3, statuses: [502] } });
    await pipe.runtime.enqueuePoll('open311', 'live', 'two');
    await pipe.drain();
    expect(regional.faults.state().fired.serverError).toBeGreaterThan(0);
    expect((await quarantined(pipe)).map((e) => e.reason).join('\n')).toContain('could not be read');

    regional.faults.configure({ serverError: null });
    await pipe.runtime.enqueuePoll('open311', 'live', 'three');
    await pipe.drain();
    // Counted on the simulator: every request in the ledger in the version it holds now.
    const stale: string[] = [];
    for (const r of requests()) {
      const held = await pipe.runtime.store.ledger.get(complaintId('open311', r.service_request_id));
      if (!held || Date.parse(held.updatedAt) !== Date.parse(r.updated_datetime)) stale.push(r.service_request_id);
    }
    expect(stale).toEqual([]);
    expect(await quarantined(pipe)).toEqual([]);
  });

  it('a valid version arriving by another path (a later poll) clears the entry', async () => {
    regional = await startRegionalSandbox({
      seed: 33,
      counts: { wa: 60, superapp: 0, bupati: 0, open311: 0 },
      faults: { malformed: { every: 1, times: 1 } },
    });
    const config = regionalConfig(
      regional,
      { wadesk: 'wa-desk.yaml' },
      { extra: { pipeline: { pollOnStart: false, quarantineRefetch: { perPoll: 0, afterMs: 0 } } } },
    );
    pipe = await startTestPipeline({ file: config.file, env: config.env });
    await pipe.runtime.enqueuePoll('wadesk', 'live', 'one');
    await pipe.drain();
    const [entry] = await quarantined(pipe);
    expect(entry?.externalId).toBeDefined();
    // The desk edits the report: its new version comes with the next incremental poll.
    await fetch(`${regional.url}/_sandbox/wa/records/${entry!.externalId}`, {
      method: 'PATCH',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ message: 'Laporan diperbaiki oleh pelapor.' }),
    });
    await pipe.runtime.enqueuePoll('wadesk', 'live', 'two');
    await pipe.drain();
    expect(await quarantined(pipe)).toEqual([]);
    expect((await pipe.runtime.store.ledger.get(complaintId('wadesk', entry!.externalId!)))?.body).toBe(
      'Laporan diperbaiki oleh pelapor.',
    );
  });
});

describe('per-record calls are isolated', () => {
  it('10% 5xx on every call: the super-app and the desk still make progress and end complete', async () => {
    regional = await startRegionalSandbox({
      seed: 34,
      counts: { wa: 150, superapp: 150, bupati: 0, open311: 0 },
      faults: { serverError: { rate: 0.1 } },
    });
    const config = regionalConfig(regional, { wadesk: 'wa-desk.yaml', superapp: 'superapp.yaml' });
    pipe = await startTestPipeline({ file: config.file, env: config.env });
    const state = () =>
      regional!.state() as { wa: { reports: { _id: string }[] }; superapp: { complaints: { id: number }[] } };
    const wa = await pollUntilComplete(pipe, 'wadesk', () => state().wa.reports.map((r) => r._id), 8);
    const superapp = await pollUntilComplete(
      pipe,
      'superapp',
      () => state().superapp.complaints.map((c) => String(c.id)),
      8,
    );
    expect(regional.faults.state().fired.serverError).toBeGreaterThan(20);
    expect({ wa: wa.missing, superapp: superapp.missing }).toEqual({ wa: [], superapp: [] });
  }, 180_000);
});
