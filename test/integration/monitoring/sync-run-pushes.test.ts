import { Registry } from 'prom-client';
import { afterEach, describe, expect, it } from 'vitest';
import { ledgerGauges } from '../../../src/app/source-health.js';
import { complaintId } from '../../../src/domain/complaint.js';
import { createMetrics } from '../../../src/http/metrics.js';
import { createPipelineObserver } from '../../../src/monitoring/pipeline-observer.js';
import { startLaporSandbox, type LaporSandbox } from '../../../src/sandbox/lapor/index.js';
import { waitFor } from '../../support/cli.js';
import { laporSourceConfig } from '../../support/lapor-source.js';
import { captureLogger } from '../../support/logger.js';
import { startTestPipeline, type TestPipeline } from '../../support/pipeline.js';

let sandbox: LaporSandbox | undefined;
let pipe: TestPipeline | undefined;
afterEach(async () => {
  await pipe?.stop();
  await sandbox?.close();
  pipe = sandbox = undefined;
});

/** The value of one sample line of the exposition text (0 when absent). */
function sample(text: string, line: string): number {
  const found = text.split('\n').find((l) => l.startsWith(`${line} `));
  return found ? Number(found.slice(line.length + 1)) : 0;
}

describe('a sync run counts what the push stage wrote to its source (real LAPOR sandbox, real Redis)', () => {
  it('pushed and failed since the previous run, in the run entry and its log line; /metrics counts each answer and its approval→delivery time', async () => {
    sandbox = await startLaporSandbox({ reports: 0, seed: 5 });
    const trackingId = sandbox.addReport({ disposed: true });
    sandbox.act(trackingId, { action: 'proses', unit: 'Dinas PUPR' });
    const registry = new Registry();
    pipe = await startTestPipeline({
      file: laporSourceConfig(
        sandbox,
        // Every 503 goes back to the push queue (no waiting inside the request): each is one failed write.
        { schedule: '0 0 1 1 *', retryAfter: { attempts: 0 } },
        { push: { backoffMs: [200, 500], destinations: { lapor: { ratePerMinute: 600 } } } },
      ),
      env: { LAPOR_TOKEN: sandbox.token },
      observer: createPipelineObserver(registry, captureLogger().logger),
    });
    const { runtime } = pipe;
    await runtime.enqueuePoll('lapor', 'live', 'first');
    await pipe.drain();
    const id = complaintId('lapor', trackingId);
    expect(await runtime.store.ledger.get(id)).toBeDefined();

    const texts = ['Jalan sudah ditambal tim UPT Jalan.', 'Pengecekan ulang dijadwalkan minggu depan.'];
    const drafts = [];
    for (const text of texts)
      drafts.push(await runtime.push.addResponse({ complaintId: id, text, by: 'Budi', opd: 'Dinas PUPR' }));
    // The ledger's gauges, as /metrics reads them: two drafts wait for the head.
    const gauges = createMetrics(runtime.queues, ledgerGauges(runtime));
    expect(sample(await gauges.metrics(), 'lapor_bridge_drafts_waiting{service="lapor-bridge"}')).toBe(2);
    // LAPOR is down for 3 seconds from the approvals: the first attempts fail, retries after its Retry-After deliver.
    sandbox.faults.configure({ maintenance: { forSeconds: 3 } });
    for (const d of drafts) await runtime.push.approve(d.id, 'Kepala Dinas PUPR');
    const onLapor = () =>
      (sandbox!.report(trackingId)!.timeline as { note?: string; tracking_note?: string; text?: string }[])
        .map((e) => String(e.tracking_note ?? e.note ?? e.text ?? ''))
        .filter((n) => texts.some((t) => n.includes(t.slice(0, 20))));
    await waitFor(() => onLapor().length === 2, 30_000, 'both answers on LAPOR');
    const refused = sandbox.faults.state().fired.maintenance ?? 0;
    expect(refused).toBeGreaterThan(0);

    await runtime.enqueuePoll('lapor', 'live', 'after');
    await pipe.drain();
    const runs = await runtime.store.readSyncRuns({ limit: 10, source: 'lapor' });
    const after = runs.find((r) => r.slot === 'after')!;
    const first = runs.find((r) => r.slot === 'first')!;
    expect(first).toMatchObject({ pushed: 0, failed: 0 });
    // Ground truth: the answers LAPOR holds, and the requests it refused while down.
    expect(after.pushed).toBe(onLapor().length);
    expect(after.failed).toBe(refused);
    const line = pipe.logs.lines().find((l) => l.msg === 'sync run finished' && l.pushed === 2);
    expect(line).toMatchObject({ pushed: 2, failed: after.failed, fetched: 1 });

    // The tally was taken: a run with nothing pushed since counts none.
    await runtime.enqueuePoll('lapor', 'live', 'quiet');
    await pipe.drain();
    expect((await runtime.store.readSyncRuns({ limit: 1, source: 'lapor' }))[0]).toMatchObject({
      slot: 'quiet',
      pushed: 0,
      failed: 0,
    });

    const waiting = await gauges.metrics();
    expect(sample(waiting, 'lapor_bridge_drafts_waiting{service="lapor-bridge"}')).toBe(0);
    expect(sample(waiting, 'lapor_bridge_draft_oldest_wait_seconds{service="lapor-bridge"}')).toBe(0);
    const text = await registry.metrics();
    expect(sample(text, 'lapor_bridge_answers_total{destination="lapor",outcome="sent"}')).toBe(2);
    expect(sample(text, 'lapor_bridge_answers_total{destination="lapor",outcome="failed"}')).toBe(after.failed);
    const series = 'lapor_bridge_answer_delivery_seconds';
    expect(sample(text, `${series}_count{destination="lapor",connector="lapor"}`)).toBe(2);
    // Both waited out the 3-second maintenance after their approval.
    expect(sample(text, `${series}_bucket{le="1",destination="lapor",connector="lapor"}`)).toBe(0);
    expect(sample(text, `${series}_sum{destination="lapor",connector="lapor"}`)).toBeGreaterThan(4);
  }, 60_000);
});
