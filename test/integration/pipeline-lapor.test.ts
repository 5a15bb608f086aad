import { afterEach, describe, expect, it } from 'vitest';
import { complaintId } from '../../src/domain/complaint.js';
import { startLaporSandbox, type LaporSandbox } from '../../src/sandbox/lapor/index.js';
import { readStream } from '../../src/store/audit.js';
import { laporSourceConfig } from '../support/lapor-source.js';
import { startTestPipeline, type TestPipeline } from '../support/pipeline.js';
import { audited } from '../support/audited.js';

let pipe: TestPipeline | undefined;
let sandbox: LaporSandbox | undefined;
afterEach(async () => {
  await pipe?.stop();
  await sandbox?.close();
  pipe = sandbox = undefined;
});

describe('pipeline against the LAPOR sandbox (real HTTP, real Redis)', () => {
  it('stores each of thousands of reports once, nothing new on a second poll, and updates an edited report', async () => {
    // The sandbox clock stands still, so its own lifecycle (auto-close after 10 working days)
    // cannot change other reports while the test runs: only the edit below is news.
    const frozen = new Date();
    sandbox = await startLaporSandbox({ reports: 2500, seed: 7, now: () => frozen });
    const visible = sandbox.visibleTrackingIds();
    expect(visible.length).toBeGreaterThan(1500);
    pipe = await startTestPipeline({
      file: laporSourceConfig(sandbox, { pageSize: 100 }),
      env: { LAPOR_TOKEN: sandbox.token },
    });
    const { runtime } = pipe;

    await runtime.enqueuePoll('lapor', 'live', 'first');
    await pipe.drain(60_000);
    expect(await runtime.store.ledger.count()).toBe(visible.length);
    for (const id of [visible[0]!, visible.at(-1)!])
      expect(await runtime.store.ledger.idOf('lapor', id)).toBe(complaintId('lapor', id));

    await runtime.enqueuePoll('lapor', 'live', 'second');
    await pipe.drain(60_000);
    expect(await runtime.store.ledger.count()).toBe(visible.length);

    const edited = visible[10]!;
    sandbox.editReport(edited, {
      isi: 'Yth. Dinas PUPR, jalan di Desa Ngawen sudah rusak parah sejak Januari.<br />Mohon ditindaklanjuti, terima kasih.',
    });
    await runtime.enqueuePoll('lapor', 'live', 'third');
    await pipe.drain(60_000);
    expect(await runtime.store.ledger.count()).toBe(visible.length);
    const complaint = await runtime.store.ledger.get(complaintId('lapor', edited));
    expect(complaint!.version).toBe(2);
    expect(complaint!.body).toBe(
      'Yth. Dinas PUPR, jalan di Desa Ngawen sudah rusak parah sejak Januari.\nMohon ditindaklanjuti, terima kasih.',
    );

    const audit = await readStream(runtime.redis, runtime.store.keys.audit(), 10_000);
    expect(audited(audit, 'created')).toHaveLength(visible.length);
    // Dedup joins the sandbox's own duplicate reports into cases, and a case's answer then
    // reaches each of its reports on LAPOR: those change too. Nothing else does.
    const updated = [...new Set(audited(audit, 'updated'))];
    const inJoinedCase = async (id: string) =>
      (await runtime.store.ledger.caseMembers((await runtime.store.ledger.get(id))!.caseId)).length > 1;
    const others = updated.filter((id) => id !== complaint!.id);
    expect(updated).toContain(complaint!.id);
    for (const id of others) expect(await inJoinedCase(id)).toBe(true);
  });

  it('survives a maintenance window and a page served twice without losing or doubling a report', async () => {
    sandbox = await startLaporSandbox({
      reports: 300,
      seed: 9,
      faults: { duplicatePage: { every: 3 }, rateLimit: { every: 4, retryAfterSeconds: 1 } },
    });
    pipe = await startTestPipeline({
      file: laporSourceConfig(sandbox, { pageSize: 20 }),
      env: { LAPOR_TOKEN: sandbox.token },
    });
    sandbox.faults.configure({ maintenance: { forSeconds: 2 } });
    await pipe.runtime.enqueuePoll('lapor', 'live', 'm');
    await pipe.drain(60_000);
    expect(await pipe.runtime.store.ledger.count()).toBe(sandbox.visibleTrackingIds().length);
  });
});
