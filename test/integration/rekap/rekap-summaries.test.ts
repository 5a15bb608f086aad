import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config/load.js';
import type { Complaint } from '../../../src/domain/complaint.js';
import { mergeCases, splitCase, type CaseDeps } from '../../../src/dedup/cases.js';
import type { OpdUnit } from '../../../src/opd/directory-schema.js';
import { computeRekap, type RekapRequest } from '../../../src/rekap/scan.js';
import { rekapSettings, type RekapSettings } from '../../../src/rekap/settings.js';
import { judge } from '../../../src/sla/clock.js';
import type { OpdResponse } from '../../../src/store/responses.js';
import { createStore, type Store } from '../../../src/store/store.js';
import { putComplaint, testComplaint } from '../../support/complaints.js';
import { recountRekap } from '../../support/rekap-recount.js';
import { testRedis, type TestRedis } from '../../support/redis.js';

let redis: TestRedis | undefined;
afterEach(async () => {
  await redis?.cleanup();
  redis = undefined;
});

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const clock = { now: () => new Date('2026-03-31T02:00:00Z'), sleep: async () => {} };

/** A directory where "dpu" was merged into "dpupr"; it lists its units, so a change of it is a change of settings. */
const UNITS = ['dpupr', 'dinkes', 'disdik', 'dpu'].map((code) => ({ code, name: code.toUpperCase() }) as OpdUnit);
const units = {
  current: (code: string) => UNITS.find((u) => u.code === (code === 'dpu' ? 'dpupr' : code)),
  get: (code: string) => UNITS.find((u) => u.code === code),
  list: () => UNITS,
};

/** A deterministic generator, so every run writes the same ledger. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SOURCES = ['lapor', 'wa', 'superapp'];
const OPDS = [
  { code: 'dpupr', name: 'Dinas PUPR' },
  { code: 'dinkes', name: 'Dinas Kesehatan' },
  { code: 'dpu', name: 'DPU lama' },
  { code: 'disdik' },
  { name: 'Dinas Entah' },
];
const WORDS = 'jalan rusak lampu mati sampah banjir air listrik puskesmas sekolah pungutan pasar parkir'.split(' ');

/** The i-th complaint: reported between 1 February and 20 April 2026 at any hour, in every state the clock knows. */
function complaintAt(i: number, rand: () => number): Complaint {
  const pick = <T>(list: readonly T[]) => list[Math.floor(rand() * list.length)]!;
  const source = pick(SOURCES);
  const reported = Date.parse('2026-02-01T00:00:00Z') + Math.floor(rand() * 78 * 24) * HOUR + (i % 7) * 60_000;
  const at = (ms: number) => new Date(ms).toISOString();
  const opd = rand() < 0.8 ? pick(OPDS) : undefined;
  const kind = rand();
  const answerAt = reported + Math.floor(rand() * 14 * DAY);
  const words = [pick(WORDS), pick(WORDS), pick(WORDS)].join(' ');
  const pauseFrom = reported + Math.floor(rand() * 3 * DAY);
  const state: Partial<Complaint> =
    kind < 0.35
      ? {
          status: 'responded',
          responses: [{ id: `r${i}`, source, at: at(answerAt), text: 'Sudah.', kind: 'tindak_lanjut' as const }],
        }
      : kind < 0.42
        ? { status: 'closed' }
        : kind < 0.47
          ? { status: 'archived' }
          : kind < 0.53
            ? { status: 'postponed', pauses: [{ from: at(pauseFrom) }] }
            : kind < 0.58
              ? { status: 'in_progress', pauses: [{ from: at(pauseFrom), to: at(pauseFrom + 2 * DAY) }] }
              : kind < 0.61
                ? { status: 'not_authority' }
                : { status: opd ? 'disposed' : 'received' };
  return testComplaint(source, `x${i}`, at(reported), {
    title: words,
    body: `${words}, mohon ditindaklanjuti`,
    rahasia: rand() < 0.08,
    ...(rand() < 0.5 ? { category: { id: String(i % 4), name: `Kategori ${i % 4}` } } : {}),
    ...(rand() < 0.3 ? { classification: pick(['pengaduan', 'aspirasi'] as const) } : {}),
    ...(opd ? { opd: { ...opd, assignedBy: 'source' as const } } : {}),
    ...state,
  });
}

async function change(store: Store, id: string, edit: (c: Complaint) => Partial<Complaint>): Promise<void> {
  await store.ledger.transact(id, (c) => ({
    complaint: { ...c!, ...edit(c!), version: c!.version + 1 },
    audit: { who: 'test', what: 'updated', why: 'test' },
  }));
}

let answers = 0;
function draft(c: Complaint, createdAt: string, over: Partial<OpdResponse> = {}): OpdResponse {
  return {
    id: `ans-${++answers}`,
    caseId: c.caseId,
    complaintId: c.id,
    text: 'Sudah kami tindak lanjuti.',
    by: 'staf',
    at: createdAt,
    createdAt,
    state: 'draft',
    ...over,
  };
}

/** The local days a rekap of March reads: 1 February (the month before, for the trend) to 31 March. */
const MONTHS = Array.from({ length: 59 }, (_, i) => 20_485 + i);
const MARCH = { from: '2026-03-01', to: '2026-03-31' };
const APRIL = { from: '2026-04-01', to: '2026-04-30' };

/** The whole ledger, one source, one OPD. */
const FILTERS: Pick<RekapRequest, 'source' | 'opd'>[] = [{}, { source: 'wa' }, { opd: 'dpupr' }];

/** The rekap from the summaries, against a full recount, for each filter. */
async function agree(
  store: Store,
  settings: RekapSettings,
  now: Date,
  periods = [MARCH, APRIL],
  filters = FILTERS,
): Promise<void> {
  for (const period of periods)
    for (const filter of filters) {
      const request: RekapRequest = { period, now, ...filter };
      const fast = await computeRekap(store, settings, request);
      expect(fast, `${period.from} ${JSON.stringify(filter)} at ${now.toISOString()}`).toEqual(
        await recountRekap(store, settings, request),
      );
    }
}

/** Instants around which open complaints turn overdue: the due dates the clock gives them, and one ms either side. */
function dueInstants(complaints: readonly Complaint[], settings: RekapSettings, within: [number, number]): number[] {
  const out = new Set<number>();
  for (const c of complaints) {
    const v = judge(c, new Date('2027-01-01T00:00:00Z'), settings.sla);
    const due = v.dueAt ? Date.parse(v.dueAt) : undefined;
    if (due !== undefined && due >= within[0] && due < within[1]) for (const d of [-1, 0, 1, 2]) out.add(due + d);
  }
  return [...out].sort((a, b) => a - b);
}

describe('the rekap from memoized day summaries (real Redis)', () => {
  it('is the full recount after creates, edits, case merges and splits, answers, OPD changes, a new holiday list, at moments across overdue boundaries', async () => {
    redis = await testRedis('rekapsum');
    const store = createStore(redis.redis, redis.prefix, clock, { failingAfter: 3, reporterSalt: 's' });
    const deps: CaseDeps = { ledger: store.ledger, audit: (e) => store.audit(e), sourcesOfSystem: () => [] };
    const config = loadConfig({ env: {} }).config;
    const settings = rekapSettings(config, units);

    // A ledger filled the way ingest fills it (pages in one call), and some one at a time.
    const rand = random(7);
    const complaints = Array.from({ length: 360 }, (_, i) => complaintAt(i, rand));
    const paged = complaints.slice(0, 300);
    for (let i = 0; i < paged.length; i += 50)
      await store.ledger.writePage(
        paged.slice(i, i + 50).map((c) => ({
          source: c.source,
          externalId: c.externalId,
          write: { complaint: c, audit: { who: 'test', what: 'created', why: 'test' } },
          expectedVersion: 0,
        })),
      );
    for (const c of complaints.slice(300)) await putComplaint(store, c);

    // Moments a day apart, then every due date in the last week of March and one ms either side, moving forward.
    const start = Date.parse('2026-03-20T03:00:00Z');
    for (let t = start; t < start + 12 * DAY; t += 31 * HOUR) await agree(store, settings, new Date(t), [MARCH]);
    const boundaries = dueInstants(complaints, settings, [
      Date.parse('2026-03-27T00:00:00Z'),
      Date.parse('2026-04-02T00:00:00Z'),
    ]);
    expect(boundaries.length).toBeGreaterThan(8);
    for (const t of boundaries.slice(0, 24)) await agree(store, settings, new Date(t), [MARCH]);
    const now = new Date('2026-04-02T04:30:00Z');
    await agree(store, settings, now);

    // Edits: answered, reopened into tunda, moved to another day and month, OPD given and taken, a pause closed.
    const [a, b, c, d, e, f, g, h] = complaints.filter((x) => x.reportedAt.startsWith('2026-03')) as Complaint[];
    await change(store, a!.id, (x) => ({
      status: 'responded',
      responses: [
        ...x.responses,
        { id: 'late', source: x.source, at: '2026-03-30T03:00:00Z', text: 'Sudah.', kind: 'tindak_lanjut' },
      ],
    }));
    await change(store, b!.id, () => ({ status: 'postponed', pauses: [{ from: '2026-03-25T02:00:00Z' }] }));
    await change(store, c!.id, () => ({ reportedAt: '2026-04-03T05:00:00Z' }));
    await change(store, d!.id, () => ({ opd: { code: 'dpu', name: 'DPU', assignedBy: 'rule' } }));
    await change(store, e!.id, () => ({ opd: undefined, status: 'received' }));
    await change(store, f!.id, () => ({
      status: 'in_progress',
      pauses: [{ from: '2026-03-10T02:00:00Z', to: '2026-03-16T02:00:00Z' }],
    }));
    // Cases: two complaints joined to an earlier one (one of them from February), then one split off again.
    const feb = complaints.find((x) => x.reportedAt.startsWith('2026-02'))!;
    await mergeCases(deps, feb.id, [g!.id, h!.id]);
    await splitCase(deps, feb.id, [h!.id], 'operator', 'not the same');
    // A ledger write that names another case takes the complaint out of its old case's set in the same call.
    const edited = new Set([a, b, c, d, e, f, g, h].map((x) => x!.id));
    const [i1, i2] = complaints.filter((x) => x.reportedAt.startsWith('2026-03-2') && !edited.has(x.id)) as [
      Complaint,
      Complaint,
    ];
    await change(store, i2.id, () => ({ caseId: i1.id }));
    expect(await store.ledger.caseMembers(i2.id)).toEqual([]);
    expect((await store.ledger.caseMembers(i1.id)).sort()).toEqual([i1.id, i2.id].sort());
    // Answers: drafts waiting, one approved by the head, one rejected, one approved without a head.
    const [d1, d2, d3] = [
      draft(b!, '2026-03-21T01:00:00Z'),
      draft(a!, '2026-03-22T01:00:00Z'),
      draft(d!, '2026-03-23T05:00:00Z'),
    ];
    for (const x of [d1, d2, d3, draft(f!, '2026-03-24T01:00:00Z')]) await store.responses.add(x);
    await store.responses.saveAudited(
      { ...d2, state: 'approved', approvedBy: 'kadis', approvedAt: '2026-03-23T09:00:00Z', fromDraft: true },
      { who: 'officer:kadis', what: 'answer_approved', why: 'ok', complaintId: a!.id },
      new Date('2026-03-23T09:00:00Z'),
    );
    await store.responses.saveAudited(
      { ...d3, state: 'rejected', rejectedBy: 'kadis', rejectedAt: '2026-03-24T09:00:00Z', rejectReason: 'kurang' },
      { who: 'officer:kadis', what: 'answer_rejected', why: 'kurang', complaintId: d!.id },
      new Date('2026-03-24T09:00:00Z'),
    );
    await store.responses.addMany([
      draft(e!, '2026-03-25T01:00:00Z', { state: 'approved', approvedAt: '2026-03-25T01:00:00Z' }),
    ]);
    await agree(store, settings, now);
    const rekap = await computeRekap(store, settings, { period: MARCH, now });
    expect(rekap.approvalWait.reduce((n, w) => n + w.decided, 0)).toBe(2);
    expect(rekap.approvalWait.reduce((n, w) => n + w.waiting, 0)).toBe(2);
    expect(rekap.overdue.length).toBe(settings.overdueListSize);
    // An answer decided with no ledger write at all: the summaries of its case's days are built again.
    await store.responses.saveAudited(
      { ...d1, state: 'approved', approvedBy: 'kadis', approvedAt: '2026-04-01T09:00:00Z', fromDraft: true },
      { who: 'officer:kadis', what: 'answer_approved', why: 'ok', complaintId: b!.id },
      new Date('2026-04-01T09:00:00Z'),
    );
    await store.responses.add(draft(h!, '2026-04-01T10:00:00Z', { caseId: h!.id }));
    await agree(store, settings, now, [MARCH]);
    // The complaint that left its case is no longer in the old case's set.
    expect(await store.ledger.caseMembers(feb.id)).toEqual(expect.not.arrayContaining([h!.id]));

    // Later, and then asked about an earlier moment again: each is what the clock says then.
    await agree(store, settings, new Date('2026-04-09T10:00:00Z'));
    await agree(store, settings, new Date('2026-03-26T10:00:00Z'), [MARCH]);

    // A new holiday list: other settings, other summaries, the same agreement.
    const holidays = rekapSettings(
      {
        ...config,
        calendar: { ...config.calendar, holidays: [...config.calendar.holidays, '2026-03-26', '2026-03-27'] },
      },
      units,
    );
    expect(holidays.fingerprint).not.toBe(settings.fingerprint);
    await agree(store, holidays, now);
    expect((await computeRekap(store, holidays, { period: MARCH, now })).total.overdue).not.toBe(rekap.total.overdue);

    // Built cold for one OPD's rekap first, then one source's (each keeps only its own part of what it builds).
    for (const [i, filters] of [
      [{ opd: 'dpupr' }, ...FILTERS],
      [{ source: 'wa' }, ...FILTERS],
    ].entries()) {
      const other = rekapSettings({ ...config, rekap: { ...config.rekap, overdueListSize: 3 + i } }, units);
      expect(other.fingerprint).not.toBe(settings.fingerprint);
      await agree(store, other, now, [MARCH, { from: '2026-01-01', to: '2026-04-30' }], filters);
    }
  });

  it('a month asked again reads the stored summaries; a write rebuilds only the days it touched', async () => {
    redis = await testRedis('rekapmemo');
    const store = createStore(redis.redis, redis.prefix, clock, { failingAfter: 3, reporterSalt: 's' });
    const settings = rekapSettings(loadConfig({ env: {} }).config, units);
    const rand = random(11);
    const complaints = Array.from({ length: 120 }, (_, i) => complaintAt(i, rand));
    for (const c of complaints) await putComplaint(store, c);
    const now = new Date('2026-04-02T04:30:00Z');
    await computeRekap(store, settings, { period: MARCH, now });

    const metas = async () =>
      (await store.rekapSummaries.read(settings.fingerprint, MONTHS, () => ['meta'])).map(([t]) => t ?? null);
    expect((await metas()).every((t) => t !== null)).toBe(true);
    // Summaries are stored as built, overwritten only when rebuilt: a mark in each shows which are.
    for (const d of MONTHS) {
      const key = store.keys.rekapSummary(settings.fingerprint, d);
      const text = (await redis.redis.hget(key, 'meta'))!;
      await redis.redis.hset(key, 'meta', text.replace('"scanned":', '"seen":0,"scanned":'));
    }
    await computeRekap(store, settings, { period: MARCH, now: new Date(now.getTime() + HOUR) });
    const marked = async () => (await metas()).map((t) => t!.includes('"seen":0'));
    expect(await marked()).toEqual(MONTHS.map(() => true));

    // One complaint of mid-March changes: that local day is built again, and no other.
    const tenth = complaints.find((x) => x.reportedAt.startsWith('2026-03-1'))!;
    await change(store, tenth.id, () => ({ status: 'closed' }));
    await computeRekap(store, settings, { period: MARCH, now: new Date(now.getTime() + 2 * HOUR) });
    const day = Math.floor((Date.parse(tenth.reportedAt) + settings.offsetMs) / DAY);
    expect((await marked()).map((m, i) => (m ? null : MONTHS[i])).filter((x) => x !== null)).toEqual([day]);
  });
});
