import { describe, expect, it } from 'vitest';
import { complaintId } from '../../../src/domain/complaint.js';
import { waitFor } from '../../support/cli.js';
import { startTestPipeline, type TestPipeline } from '../../support/pipeline.js';
import { startPushWorld, type PushWorld, stoppedAfterEach } from '../../support/push-world.js';

/**
 * One rule for an answer's identity, on every destination kind: LAPOR, each REST preset
 * (WhatsApp desk, super-app, Bupati app) and Open311. Counted on what each simulator holds.
 */
const running = stoppedAfterEach();

type Kind = {
  source: string;
  system: 'wa' | 'superapp' | 'bupati' | 'open311';
  record: Record<string, unknown>;
  idOf: (created: Record<string, unknown>) => string;
  answersOn: (state: Record<string, unknown>, id: string) => string[];
};

const KINDS: Kind[] = [
  {
    source: 'wadesk',
    system: 'wa',
    record: { message: 'Lampu jalan di Desa Jepon mati sejak seminggu.', handling: { status: 'Proses OPD Terkait' } },
    idOf: (c) => String(c._id),
    answersOn: (s, id) =>
      ((s.handlings as Record<string, { kesimpulan: { text: string }[] }>)[id]?.kesimpulan ?? []).map((k) => k.text),
  },
  {
    source: 'superapp',
    system: 'superapp',
    record: { title: 'Saluran air tersumbat', description: 'Saluran air di depan pasar Cepu tersumbat sampah.' },
    idOf: (c) => String(c.id),
    answersOn: (s, id) =>
      ((s.followups as Record<string, { description: string }[]>)[id] ?? []).map((f) => f.description),
  },
  {
    source: 'bupatiapp',
    system: 'bupati',
    record: { title: 'Jalan rusak', description: 'Jalan desa Ngawen rusak parah dan berlubang.' },
    idOf: (c) => String(c.id),
    answersOn: (s, id) => ((s.comments as Record<string, { content: string }[]>)[id] ?? []).map((c) => c.content),
  },
  {
    source: 'open311',
    system: 'open311',
    record: { description: 'Pohon tumbang menutup jalan di Kunduran.' },
    idOf: (c) => String(c.service_request_id),
    answersOn: (s, id) =>
      (s.updates as { service_request_id: string; description: string | null }[])
        .filter((u) => u.service_request_id === id && u.description)
        .map((u) => u.description!),
  },
];

async function admin(w: PushWorld, path: string, body: unknown): Promise<Record<string, unknown>> {
  const res = await fetch(`${w.regional.url}/_sandbox/${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  expect(res.status, await res.clone().text()).toBeLessThan(300);
  return (await res.json()) as Record<string, unknown>;
}

/** An officer answering in LAPOR itself (the instansi's own account), not through the bridge. */
async function answerOnLapor(w: PushWorld, trackingId: string, text: string): Promise<void> {
  // LAPOR's list tells versions apart by second: let one pass since the bridge last wrote there.
  await new Promise((resolve) => setTimeout(resolve, 1100));
  const res = await fetch(`${w.lapor.url}/api/v1/laporan/${trackingId}/tindak-lanjut`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'X-Lapor-Token': w.lapor.token },
    body: JSON.stringify({ isi: text, oleh: 'Admin Dinas PUPR' }),
  });
  expect(res.status, await res.clone().text()).toBeLessThan(300);
}

function count(texts: readonly string[], needle: string): number {
  return texts.filter((t) => t.includes(needle)).length;
}

async function settle(p: TestPipeline, sources: string[], slot: string): Promise<void> {
  for (const source of sources) {
    await p.runtime.enqueuePoll(source, 'live', `${slot}-${source}`);
    await p.drain();
  }
  await waitFor(
    async () =>
      Object.values(await p.runtime.queues.push.getJobCounts('waiting', 'active', 'delayed', 'prioritized')).every(
        (n) => n === 0,
      ),
    30_000,
    'pushes to finish',
  );
}

describe('an answer has one identity on every destination kind (real sandboxes, real Redis)', () => {
  it.each(KINDS)(
    '$source ⇄ LAPOR: never back to its own record, never twice, a copy typed by hand is recognised',
    async (kind) => {
      running.world = await startPushWorld({
        lookBackSeconds: 300,
        more: ['bupati-app.yaml', 'open311.yaml'],
        push: {
          forward: [{ from: kind.source, to: 'lapor', unclassifiedAs: 'pengaduan' }],
          approval: { required: true },
        },
      });
      const w = running.world;
      const created = (await admin(w, `${kind.system}/records`, kind.record)) as unknown as Record<string, unknown>[];
      const recordId = kind.idOf(created[0]!);
      await admin(w, `${kind.system}/records/${recordId}/answers`, {
        text: 'Petugas sudah meninjau lokasi pada hari Senin.',
        by: 'Operator OPD',
      });

      running.pipe = await startTestPipeline({ file: w.configFile, env: w.env });
      const { runtime } = running.pipe;
      await settle(running.pipe, [kind.source], 'a');
      const own = complaintId(kind.source, recordId);
      const trackingId = (await runtime.push.sendStates.get(own, 'forward|lapor'))?.remoteId;
      expect(trackingId, 'forwarded to LAPOR').toBeDefined();
      await settle(running.pipe, ['lapor'], 'b');
      expect(await runtime.store.ledger.caseMembers((await runtime.store.ledger.get(own))!.caseId)).toHaveLength(2);

      const onLapor = () =>
        (w.lapor.report(trackingId!)!.timeline as { note?: string }[]).map((e) => String(e.note ?? ''));
      const onRecord = () => kind.answersOn(w.regional.state()[kind.system] as Record<string, unknown>, recordId);

      // A: answered in the regional system itself; a draft until approved, then on LAPOR once and never posted back.
      const drafts = [];
      for await (const r of runtime.push.responses.all()) if (r.state === 'draft') drafts.push(r);
      expect(drafts).toHaveLength(1);
      expect(drafts[0]!.origin).toMatchObject({ source: kind.source, externalId: recordId });
      expect(count(onLapor(), 'meninjau')).toBe(0);
      await runtime.push.approve(drafts[0]!.id, 'Kepala Dinas');
      await settle(running.pipe, [], 'c');
      expect(count(onLapor(), 'meninjau')).toBe(1);

      // B: published on LAPOR by the instansi itself: reaches the regional record once, never posted back to LAPOR.
      await answerOnLapor(w, trackingId!, 'Perbaikan selesai dikerjakan pada hari Rabu.');
      await settle(running.pipe, ['lapor'], 'd');
      await waitFor(
        () => count(onRecord(), 'Perbaikan selesai') >= 1,
        10_000,
        () => `LAPOR's answer on ${kind.system}: ${JSON.stringify(onRecord())}`,
      );

      // C: the same text typed by hand into both systems is one answer: nothing is posted.
      await admin(w, `${kind.system}/records/${recordId}/answers`, {
        text: 'Mohon maaf atas keterlambatan penanganan.',
        by: 'Operator OPD',
      });
      await answerOnLapor(w, trackingId!, 'Mohon maaf atas keterlambatan penanganan.');
      await settle(running.pipe, [kind.source, 'lapor'], 'e');

      // Everything pulled again, twice: our own answers come back and are recognised.
      await settle(running.pipe, [kind.source, 'lapor'], 'f');
      await settle(running.pipe, [kind.source, 'lapor'], 'g');
      for (const [where, texts] of [
        ['LAPOR', onLapor()],
        [kind.system, onRecord()],
      ] as const) {
        expect(count(texts, 'meninjau'), `A on ${where}`).toBe(1);
        expect(count(texts, 'Perbaikan selesai'), `B on ${where}`).toBe(1);
        expect(count(texts, 'keterlambatan'), `C on ${where}`).toBe(1);
      }
      expect(await runtime.store.deadLetters.list()).toEqual([]);
    },
  );
});
