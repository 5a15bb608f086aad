import { describe, expect, it } from 'vitest';
import { complaintId } from '../../../src/domain/complaint.js';
import { waitFor } from '../../support/cli.js';
import { startTestPipeline, type TestPipeline } from '../../support/pipeline.js';
import { startPushWorld, type PushWorld, stoppedAfterEach } from '../../support/push-world.js';

/**
 * The error classes of a write, counted on the simulators: a final "no" ends the send at
 * once (no retries, no dead letter, one log line); a "not yet" waits for the record to
 * change; the write budget delays without a failure or a warning.
 */
const running = stoppedAfterEach();

type WaState = { handlings: Record<string, { trackingId: string | null; kesimpulan: { text: string }[] }> };

async function admin(w: PushWorld, method: 'POST' | 'PATCH', path: string, body: unknown): Promise<unknown> {
  const res = await fetch(`${w.regional.url}/_sandbox/${path}`, {
    method,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  expect(res.status, await res.clone().text()).toBeLessThan(300);
  return res.json();
}

async function settle(p: TestPipeline, sources: string[], slot: string): Promise<void> {
  for (const source of sources) {
    await p.runtime.enqueuePoll(source, 'live', `${slot}-${source}`);
    await p.drain();
  }
  await waitFor(
    async () =>
      Object.values(await p.runtime.queues.push.getJobCounts('waiting', 'active', 'prioritized')).every((n) => n === 0),
    30_000,
    'pushes to finish',
  );
}

const warnings = (p: TestPipeline) =>
  p.logs.lines().filter((l) => Number(l.level) >= 40 && !String(l.msg).startsWith('SANDBOX'));

describe('what a failed write means (real sandboxes, real Redis)', () => {
  it('a report LAPOR has closed refuses an answer once: refused in the send state, one log line, no dead letter; the other channel gets it', async () => {
    running.world = await startPushWorld();
    const w = running.world;
    const trackingId = w.lapor.addReport({ disposed: true });
    w.lapor.act(trackingId, { action: 'proses', unit: 'Dinas Lingkungan Hidup' });
    const created = (await admin(w, 'POST', 'wa/records', {
      message: 'Sampah menumpuk di pasar Blora.',
      handling: { trackingId, status: 'Proses OPD Terkait' },
    })) as { _id: string }[];
    const waId = created[0]!._id;
    // The instansi answered in LAPOR and the reporter closed the report.
    const res = await fetch(`${w.lapor.url}/api/v1/laporan/${trackingId}/tindak-lanjut`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'X-Lapor-Token': w.lapor.token },
      body: JSON.stringify({ isi: 'Sudah diangkut petugas kebersihan.', oleh: 'DLH' }),
    });
    expect(res.status).toBeLessThan(300);
    w.lapor.act(trackingId, { action: 'selesai' });

    running.pipe = await startTestPipeline({ file: w.configFile, env: w.env });
    const { runtime } = running.pipe;
    await settle(running.pipe, ['lapor', 'wadesk'], 'a');
    const laporComplaint = (await runtime.store.ledger.get(complaintId('lapor', trackingId)))!;
    expect(laporComplaint.status).toBe('closed');

    const answer = await runtime.push.addResponse({
      complaintId: laporComplaint.id,
      text: 'Jadwal pengangkutan ditambah menjadi dua kali sehari.',
      by: 'Sri',
      opd: laporComplaint.opd?.name,
    });
    await runtime.push.approve(answer.id, 'Kepala DLH');
    await settle(running.pipe, [], 'b');

    const laporNotes = () =>
      (w.lapor.report(trackingId)!.timeline as { note?: string }[]).map((e) => String(e.note ?? ''));
    const waNotes = () => ((w.regional.state().wa as WaState).handlings[waId]?.kesimpulan ?? []).map((k) => k.text);
    await waitFor(
      () => waNotes().some((t) => t.includes('dua kali sehari')),
      10_000,
      'the answer on the WhatsApp desk',
    );
    expect(laporNotes().filter((t) => t.includes('dua kali sehari'))).toHaveLength(0);
    const state = await runtime.push.sendStates.get(answer.id, `answer|lapor|${trackingId}`);
    expect(state).toMatchObject({ state: 'refused', attempts: 1 });
    expect(state!.lastReason).toContain('409');
    // Pulled again: the refusal stays final, LAPOR is not asked again.
    await settle(running.pipe, ['lapor', 'wadesk'], 'c');
    expect((await runtime.push.sendStates.get(answer.id, `answer|lapor|${trackingId}`))!.attempts).toBe(1);
    expect(waNotes().filter((t) => t.includes('dua kali sehari'))).toHaveLength(1);
    expect(await runtime.store.deadLetters.list()).toEqual([]);
    const refused = running.pipe.logs.lines().filter((l) => l.msg === 'write refused by the destination; not retried');
    expect(refused).toEqual([expect.objectContaining({ destination: 'lapor', field: `answer|lapor|${trackingId}` })]);
    const delivered = running.pipe.logs.lines().filter((l) => l.msg === 'answers delivered');
    expect(delivered.map((l) => l.destination)).toContain('wadesk');
    expect(delivered.every((l) => l.destination === 'wadesk')).toBe(true);
    expect(warnings(running.pipe)).toEqual([]);
  });

  it('a status the desk does not show (notMirrored) is not written and waits in no triage; the next one it shows is', async () => {
    running.world = await startPushWorld();
    const w = running.world;
    const trackingId = w.lapor.addReport({ disposed: true });
    const created = (await admin(w, 'POST', 'wa/records', {
      message: 'Lampu jalan di Desa Kemiri mati.',
      handling: { trackingId, status: 'Verifikasi Kelengkapan Berkas' },
    })) as { _id: string }[];
    const waId = created[0]!._id;
    running.pipe = await startTestPipeline({ file: w.configFile, env: w.env });
    const { runtime } = running.pipe;
    await settle(running.pipe, ['lapor', 'wadesk'], 'a');
    const wa = complaintId('wadesk', waId);
    const handling = () =>
      (w.regional.state().wa as { handlings: Record<string, { status: string }> }).handlings[waId]!;

    // LAPOR postpones it ("tunda"): the desk has no such status.
    w.lapor.act(trackingId, { action: 'tunda' });
    await settle(running.pipe, ['lapor'], 'b');
    expect((await runtime.store.ledger.get(complaintId('lapor', trackingId)))!.status).toBe('postponed');
    expect(handling().status).toBe('Verifikasi Kelengkapan Berkas');
    expect(await runtime.push.sendStates.get(wa, 'status|wadesk')).toBeUndefined();
    expect(await runtime.store.triage.get(`${wa}:status-out`)).toBeUndefined();

    // A question left from before (a status the desk's map once lacked) is settled by the next status written.
    await runtime.store.triage.set(`${wa}:status-out`, {
      kind: 'unmapped_status',
      complaintId: wa,
      source: 'wadesk',
      value: 'postponed',
      refusal: 'wadesk: no status for canonical "postponed" in writeBack.status.map',
      at: new Date().toISOString(),
    });
    w.lapor.act(trackingId, { action: 'proses', unit: 'Dinas Pekerjaan Umum dan Penataan Ruang' });
    await settle(running.pipe, ['lapor'], 'c');
    await waitFor(() => handling().status === 'Proses OPD Terkait', 10_000, 'the desk to show the work under way');
    await waitFor(
      async () => (await runtime.store.triage.get(`${wa}:status-out`)) === undefined,
      10_000,
      'the old question settled',
    );
    expect(warnings(running.pipe)).toEqual([]);
  });

  it('a WhatsApp desk report nobody has opened waits for its handling record, then takes the tracking id', async () => {
    running.world = await startPushWorld({
      push: { forward: [{ from: 'wadesk', to: 'lapor', unclassifiedAs: 'pengaduan' }] },
    });
    const w = running.world;
    const created = (await admin(w, 'POST', 'wa/records', { message: 'Jembatan di Desa Tunjungan retak.' })) as {
      _id: string;
    }[];
    const waId = created[0]!._id;
    running.pipe = await startTestPipeline({ file: w.configFile, env: w.env });
    const { runtime } = running.pipe;
    await settle(running.pipe, ['wadesk'], 'a');
    const own = complaintId('wadesk', waId);
    const trackingId = (await runtime.push.sendStates.get(own, 'forward|lapor'))?.remoteId;
    expect(trackingId).toBeDefined();
    await waitFor(
      async () => (await runtime.push.sendStates.get(own, 'tracking|wadesk'))?.state === 'waiting',
      10_000,
      'the tracking write to wait',
    );
    expect((w.regional.state().wa as WaState).handlings[waId]).toBeUndefined();

    // Nothing happens on a clock: more polls of an unchanged record ask the desk nothing.
    await settle(running.pipe, ['wadesk'], 'b');
    expect((await runtime.push.sendStates.get(own, 'tracking|wadesk'))!.attempts).toBe(1);

    // An operator opens the report: the record changes, the next poll brings it, the write runs.
    await admin(w, 'PATCH', `wa/records/${waId}`, { handling: { status: 'Verifikasi Situasi' } });
    await settle(running.pipe, ['wadesk'], 'c');
    await waitFor(
      () => (w.regional.state().wa as WaState).handlings[waId]?.trackingId === trackingId,
      10_000,
      'the tracking id on the desk',
    );
    expect(await runtime.store.deadLetters.list()).toEqual([]);
    expect(warnings(running.pipe)).toEqual([]);
  });

  it('the write budget delays an answer without a failure or a warning', async () => {
    running.world = await startPushWorld({
      push: { destinations: { lapor: { answersArePublished: true, ratePerMinute: 1 } } },
    });
    const w = running.world;
    const trackingId = w.lapor.addReport({ disposed: true });
    w.lapor.act(trackingId, { action: 'proses', unit: 'Dinas Lingkungan Hidup' });
    running.pipe = await startTestPipeline({ file: w.configFile, env: w.env });
    const { runtime } = running.pipe;
    await settle(running.pipe, ['lapor'], 'a');
    const complaint = (await runtime.store.ledger.get(complaintId('lapor', trackingId)))!;
    const first = await runtime.push.addResponse({
      complaintId: complaint.id,
      text: 'Tim sudah dijadwalkan turun ke lokasi.',
      by: 'Sri',
      opd: complaint.opd?.name,
    });
    const second = await runtime.push.addResponse({
      complaintId: complaint.id,
      text: 'Perbaikan dimulai besok pagi.',
      by: 'Sri',
      opd: complaint.opd?.name,
    });
    const held = [first, second].map((r) => r.id);
    const states = () => Promise.all(held.map((id) => runtime.push.sendStates.get(id, `answer|lapor|${trackingId}`)));
    // The budget is a wall-clock minute's: both approvals must fall in one, not on either side of its end.
    const intoMinute = Date.now() % 60_000;
    if (intoMinute > 40_000) await new Promise((r) => setTimeout(r, 60_000 - intoMinute + 100));
    await runtime.push.approve(first.id, 'Kepala');
    await waitFor(async () => (await states())[0]?.state === 'sent', 10_000, 'the first answer sent');
    // The minute's budget is spent: the second answer's job waits for its turn from the start,
    // never taken up only to be turned away.
    await runtime.push.approve(second.id, 'Kepala');
    const delayed = await runtime.queues.push.getJobs(['delayed', 'waiting', 'active']);
    expect(
      delayed.map((j) => ({ state: j.delay > 0 ? 'delayed' : 'now', processed: j.processedOn !== undefined })),
    ).toEqual([{ state: 'delayed', processed: false }]);
    expect(delayed[0]!.delay).toBeLessThanOrEqual(60_000);
    await runtime.push.enqueueAnswers(complaint.caseId);
    expect((await runtime.queues.push.getJobs(['delayed', 'waiting', 'active'])).length).toBe(1);

    const notes = (w.lapor.report(trackingId)!.timeline as { note?: string }[]).map((e) => String(e.note ?? ''));
    expect(notes.filter((t) => t.includes('dijadwalkan') || t.includes('besok pagi'))).toHaveLength(1);
    // The held-back answer has no failure recorded: it is waiting, not failing.
    expect((await states()).filter((s) => s?.state === 'sent')).toHaveLength(1);
    expect((await states()).filter((s) => s?.state === 'failed')).toHaveLength(0);
    expect(await runtime.store.deadLetters.list()).toEqual([]);
    expect(warnings(running.pipe)).toEqual([]);
  });
});
