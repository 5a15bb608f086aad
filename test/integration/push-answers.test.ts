import { describe, expect, it } from 'vitest';
import { complaintId } from '../../src/domain/complaint.js';
import { waitFor } from '../support/cli.js';
import { startTestPipeline } from '../support/pipeline.js';
import { startPushWorld, type PushWorld, stoppedAfterEach } from '../support/push-world.js';

const running = stoppedAfterEach();

async function admin(w: PushWorld, path: string, body: unknown): Promise<Record<string, unknown>> {
  const res = await fetch(`${w.regional.url}/_sandbox/${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  expect(res.status, await res.clone().text()).toBeLessThan(300);
  return (await res.json()) as Record<string, unknown>;
}

type State = {
  wa: { handlings: Record<string, { status: string; kesimpulan: { text: string }[] }> };
  superapp: { followups: Record<string, { description: string }[]> };
};

function count(texts: readonly string[], needle: string): number {
  return texts.filter((t) => t.includes(needle)).length;
}

describe('an approved answer reaches every channel of a case once (real sandboxes, real Redis)', () => {
  it('waits for approval, survives LAPOR being down, keeps order, and sends nothing twice', async () => {
    running.world = await startPushWorld();
    const w = running.world;
    const trackingId = w.lapor.addReport({ disposed: true });
    w.lapor.act(trackingId, { action: 'proses', unit: 'Dinas PUPR' });
    await admin(w, 'wa/records', { handling: { trackingId, status: 'Proses OPD Terkait' } });
    await admin(w, 'superapp/records', { sp4n_id: trackingId });
    running.pipe = await startTestPipeline({ file: w.configFile, env: w.env });
    const { runtime } = running.pipe;
    for (const source of ['lapor', 'wadesk', 'superapp']) await runtime.enqueuePoll(source, 'live', 'first');
    await running.pipe.drain();

    const laporComplaint = (await runtime.store.ledger.get(complaintId('lapor', trackingId)))!;
    expect(await runtime.store.ledger.caseMembers(laporComplaint.caseId)).toHaveLength(3);

    const first = await runtime.push.addResponse({
      complaintId: laporComplaint.id,
      text: 'Jalan sudah ditambal oleh tim UPT Jalan pada 20 November. Hubungi 081234567890.',
      by: 'Budi Santoso',
      opd: 'Dinas PUPR',
    });
    expect(first.state).toBe('draft');
    await running.pipe.drain();
    const laporNotes = () =>
      (w.lapor.report(trackingId)!.timeline as { tracking_note?: string; note?: string; text?: string }[]).map((e) =>
        String(e.tracking_note ?? e.note ?? e.text ?? ''),
      );
    expect(count(laporNotes(), 'ditambal')).toBe(0);

    w.lapor.faults.configure({ maintenance: { forSeconds: 3 } });
    await runtime.push.approve(first.id, 'Kepala Dinas PUPR');
    const second = await runtime.push.addResponse({
      complaintId: laporComplaint.id,
      text: 'Pengecekan ulang dijadwalkan minggu depan.',
      by: 'Budi Santoso',
      opd: 'Dinas PUPR',
    });
    await runtime.push.approve(second.id, 'Kepala Dinas PUPR');

    const waNotes = () =>
      Object.values((w.regional.state() as State).wa.handlings).flatMap((h) => h.kesimpulan.map((k) => k.text));
    const superappNotes = () =>
      Object.values((w.regional.state() as State).superapp.followups).flatMap((list) => list.map((f) => f.description));
    await waitFor(
      () => count(waNotes(), 'ditambal') === 1 && count(superappNotes(), 'Pengecekan') === 1,
      15_000,
      'answers on the regional channels',
    );
    expect(count(laporNotes(), 'ditambal')).toBe(0);
    await waitFor(() => count(laporNotes(), 'Pengecekan') === 1, 20_000, 'answers on LAPOR after its maintenance');

    // Pull everything again: our own answers come back from LAPOR and must not be sent anywhere twice.
    for (const source of ['lapor', 'wadesk', 'superapp']) await runtime.enqueuePoll(source, 'live', 'second');
    await running.pipe.drain();
    for (const notes of [laporNotes(), waNotes(), superappNotes()]) {
      expect(count(notes, 'ditambal')).toBe(1);
      expect(count(notes, 'Pengecekan')).toBe(1);
      // Order: the older answer first, everywhere.
      expect(notes.findIndex((n) => n.includes('ditambal'))).toBeLessThan(
        notes.findIndex((n) => n.includes('Pengecekan')),
      );
      // Personal numbers never leave the bridge.
      expect(notes.join('\n')).not.toContain('081234567890');
    }

    // LAPOR moved to "ditindaklanjuti" when the answer was posted: the WhatsApp desk follows, through its status table.
    expect((await runtime.store.ledger.get(laporComplaint.id))!.status).toBe('responded');
    const waStatus = () => Object.values((w.regional.state() as State).wa.handlings).map((h) => h.status);
    await waitFor(() => waStatus().includes('Selesai Penanganan'), 15_000, 'status mirrored to the WhatsApp desk');
  });
});
