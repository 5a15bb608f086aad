import { afterEach, describe, expect, it } from 'vitest';
import { ConnectorError } from '../../src/domain/failures.js';
import { complaintId } from '../../src/domain/complaint.js';
import { replayQuarantined } from '../../src/app/replay.js';
import { ingestPage } from '../../src/pipeline/ingest.js';
import { readStream } from '../../src/store/audit.js';
import { MemoryConnector, memoryRecords } from '../support/memory-connector.js';
import { startTestPipeline, type TestPipeline } from '../support/pipeline.js';
import { waitFor } from '../support/cli.js';
import { audited } from '../support/audited.js';

let pipe: TestPipeline | undefined;
afterEach(async () => {
  await pipe?.stop();
  pipe = undefined;
});

async function setup(records = 95, env: Record<string, string> = {}) {
  const source = new MemoryConnector('wa', 10);
  source.records = memoryRecords(records);
  pipe = await startTestPipeline({ connectors: new Map([['wa', source]]), env });
  return { source, pipe };
}

describe('poll → ingest → ledger (real Redis, real workers)', () => {
  it('stores each record once, stores nothing new on a second poll, and updates an edited record', async () => {
    const { source, pipe } = await setup();
    const { runtime } = pipe;
    await runtime.enqueuePoll('wa', 'live', 'slot1');
    await pipe.drain();
    expect(await runtime.store.ledger.count()).toBe(95);
    expect(await runtime.store.cursors.get('wa', 'live')).toContain(source.records.at(-1)!.updatedAt);

    await runtime.enqueuePoll('wa', 'live', 'slot2');
    await pipe.drain();
    expect(await runtime.store.ledger.count()).toBe(95);

    const edited = source.records[7]!;
    edited.body = 'Yth. Dinas, isi diperbarui oleh pelapor.';
    edited.updatedAt = '2026-02-01T00:00:00.000Z';
    await runtime.enqueuePoll('wa', 'live', 'slot3');
    await pipe.drain();
    expect(await runtime.store.ledger.count()).toBe(95);
    const complaint = await runtime.store.ledger.get(complaintId('wa', edited.id));
    expect(complaint).toMatchObject({ version: 2, body: 'Yth. Dinas, isi diperbarui oleh pelapor.' });
    const audit = await readStream(runtime.redis, runtime.store.keys.audit(), 500);
    expect(audited(audit, 'created')).toHaveLength(95);
    expect(audited(audit, 'updated')).toEqual([complaint!.id]);
  });

  it('polls a slot once however often it is enqueued', async () => {
    const { source, pipe } = await setup(5);
    const results = await Promise.all([1, 2, 3].map(() => pipe.runtime.enqueuePoll('wa', 'live', '202611280800')));
    expect(results.filter((r) => r.added)).toHaveLength(1);
    await pipe.drain();
    expect(source.pulls).toBe(1);
  });

  it('never lets an older version overwrite a newer one', async () => {
    const { source, pipe } = await setup(1);
    const { runtime } = pipe;
    const record = source.records[0]!;
    record.updatedAt = '2026-03-01T00:00:00.000Z';
    record.body = 'versi baru';
    await runtime.enqueuePoll('wa', 'live', 'a');
    await pipe.drain();
    await runtime.store.cursors.reset('wa', 'live');
    record.updatedAt = '2026-02-01T00:00:00.000Z';
    record.body = 'versi lama';
    await runtime.enqueuePoll('wa', 'live', 'b');
    await pipe.drain();
    expect((await runtime.store.ledger.get(complaintId('wa', record.id)))!.body).toBe('versi baru');
    const audit = await readStream(runtime.redis, runtime.store.keys.audit(), 10);
    expect(audit.map((e) => e.fields.what)).toContain('stale_ignored');
  });

  it('quarantines an invalid record with its reason, and replay ingests it once the mapping is fixed', async () => {
    const { source, pipe } = await setup(20);
    const { runtime } = pipe;
    source.rejectBodiesContaining = 'nomor 13.';
    await runtime.enqueuePoll('wa', 'live', 'x');
    await pipe.drain();
    expect(await runtime.store.ledger.count()).toBe(19);
    const entries = await runtime.store.quarantine.entries.list();
    expect(entries).toHaveLength(1);
    const [id, entry] = entries[0]!;
    expect(entry.reason).toBe('body contains "nomor 13."');

    expect(await replayQuarantined(runtime, id)).toMatchObject({ outcome: 'still_invalid' });
    source.rejectBodiesContaining = undefined;
    expect(await replayQuarantined(runtime, id)).toEqual({ outcome: 'requeued', externalId: entry.externalId! });
    await pipe.drain();
    expect(await runtime.store.ledger.count()).toBe(20);
    expect(await runtime.store.quarantine.entries.size()).toBe(0);
  });

  it('quarantines a stored draft that no longer fits, with its reason, and ingests the rest of its page', async () => {
    const { pipe } = await setup(0);
    const { runtime } = pipe;
    const [good, stale] = memoryRecords(2).map((r) => ({
      externalId: r.id,
      raw: r,
      draft: {
        externalId: r.id,
        crossRefs: [],
        body: r.body,
        anonim: false,
        rahasia: false,
        reportedAt: r.updatedAt,
        updatedAt: r.updatedAt,
        responses: [],
        attachments: [],
      },
    }));
    // As an older version may have stored it: a draft without the times the schema now asks for.
    const broken = { ...stale!, draft: { ...stale!.draft, reportedAt: undefined } };
    await runtime.store.raw.saveMany('wa', [good!, broken] as never, new Date());
    const results = await ingestPage(runtime.ingestDeps, 'wa', [good!.externalId, broken.externalId]);
    expect(Object.fromEntries(results.map((r) => [r.externalId, r.outcome]))).toEqual({
      [good!.externalId]: 'created',
      [broken.externalId]: 'quarantined',
    });
    const [[, entry]] = (await runtime.store.quarantine.entries.list()) as unknown as [
      [string, { stage: string; reason: string; raw: unknown }],
    ];
    expect(entry).toMatchObject({
      stage: 'normalize',
      reason: expect.stringContaining('reportedAt') as string,
      raw: stale!.raw,
    });
    expect(await runtime.store.ledger.get(complaintId('wa', good!.externalId))).toMatchObject({
      body: good!.draft.body,
    });
  });

  it('files an unmapped status for triage instead of guessing', async () => {
    const { source, pipe } = await setup(1);
    source.records[0]!.status = 'weird';
    await pipe.runtime.enqueuePoll('wa', 'live', 'x');
    await pipe.drain();
    const triage = await pipe.runtime.store.triage.list();
    expect(triage.map(([, t]) => t).filter((t) => t.kind !== 'unrouted')).toEqual([
      expect.objectContaining({ kind: 'unmapped_status', value: 'weird' }),
    ]);
    expect((await pipe.runtime.store.ledger.get(complaintId('wa', source.records[0]!.id)))!.status).toBe('received');
  });

  it('settles the questions of an earlier version that a later version answers, and keeps the rest', async () => {
    const { source, pipe } = await setup(2);
    const [answered, still] = source.records as [(typeof source.records)[0], (typeof source.records)[0]];
    for (const r of [answered, still]) Object.assign(r, { status: 'weird', unclassified: true });
    await pipe.runtime.enqueuePoll('wa', 'live', 'v1');
    await pipe.drain();
    const asked = async () =>
      (await pipe.runtime.store.triage.list())
        .map(([, t]) => `${t.complaintId === complaintId('wa', answered.id) ? 'answered' : 'still'} ${t.kind}`)
        .filter((t) => !t.endsWith('unrouted'))
        .sort();
    expect(await asked()).toEqual([
      'answered missing_classification',
      'answered unmapped_status',
      'still missing_classification',
      'still unmapped_status',
    ]);

    Object.assign(answered, { status: 'proses', unclassified: false, updatedAt: '2026-03-01T00:00:00.000Z' });
    Object.assign(still, { body: `${still.body} (ditambah pelapor)`, updatedAt: '2026-03-01T00:00:01.000Z' });
    await pipe.runtime.enqueuePoll('wa', 'live', 'v2');
    await pipe.drain();
    expect((await pipe.runtime.store.ledger.get(complaintId('wa', answered.id)))!.version).toBe(2);
    expect(await asked()).toEqual(['still missing_classification', 'still unmapped_status']);
  });

  it('asks triage about a missing classification only of a source that gives one', async () => {
    const classifying = new MemoryConnector('wa', 10);
    const never = new MemoryConnector('geo', 10);
    never.classifies = false;
    for (const source of [classifying, never]) source.records = [{ ...memoryRecords(1)[0]!, unclassified: true }];
    pipe = await startTestPipeline({
      connectors: new Map([
        ['wa', classifying],
        ['geo', never],
      ]),
    });
    for (const source of ['wa', 'geo']) await pipe.runtime.enqueuePoll(source, 'live', `x-${source}`);
    await pipe.drain();
    const asked = (await pipe.runtime.store.triage.list())
      .map(([, t]) => t)
      .filter((t) => t.kind === 'missing_classification');
    expect(asked.map((t) => t.source)).toEqual(['wa']);
    expect(await pipe.runtime.store.ledger.count()).toBe(2);
  });

  it('dead-letters an AUTH failure at once, marks the source failing after repeated failures, and keeps history on resend', async () => {
    const { source, pipe } = await setup(3, { LAPOR_BRIDGE__PIPELINE__FAILINGAFTER: '2' });
    const { runtime } = pipe;
    source.failNext = [new ConnectorError('AUTH', 'wa: token rejected', { status: 401 })];
    await runtime.enqueuePoll('wa', 'live', 'auth');
    await waitFor(async () => (await runtime.store.deadLetters.size()) === 1, 10_000, 'dead letter');
    const letters = await runtime.store.deadLetters.list();
    const [key, letter] = letters[0]!;
    expect(letter).toMatchObject({ code: 'AUTH', attempts: 1 });
    expect(source.pulls).toBe(1);
    expect((await runtime.store.sources.get('wa')).state).toBe('idle');

    source.failNext = [new ConnectorError('AUTH', 'wa: token rejected', { status: 401 })];
    await runtime.enqueuePoll('wa', 'live', 'auth2');
    await waitFor(async () => (await runtime.store.sources.get('wa')).state === 'failing', 10_000, 'source failing');
    expect(await runtime.store.sources.get('wa')).toMatchObject({
      consecutiveFailures: 2,
      lastError: 'wa: token rejected',
    });

    source.failNext = [new ConnectorError('TRANSIENT', 'down'), new ConnectorError('TRANSIENT', 'down')];
    await runtime.enqueuePoll('wa', 'live', 'transient');
    await pipe.drain();
    expect(await runtime.store.ledger.count()).toBe(3);
    expect((await runtime.store.sources.get('wa')).state).toBe('idle');

    const { retryDeadLetter } = await import('../../src/queue/dead-letters.js');
    source.failNext = [new ConnectorError('AUTH', 'still rejected')];
    await retryDeadLetter(runtime.store, runtime.queues, key);
    await waitFor(
      async () => ((await runtime.store.deadLetters.get(key))?.history.length ?? 0) === 1,
      10_000,
      'second failure recorded',
    );
    expect((await runtime.store.deadLetters.get(key))!.reason).toBe('still rejected');
  });
});
