import { describe, expect, it } from 'vitest';
import { laporConfigSchema, type LaporConfigInput } from '../../../src/connectors/lapor/config.js';
import { createMapper } from '../../../src/connectors/lapor/map.js';
import type { PulledRecord } from '../../../src/connectors/types.js';

function mapperWith(extra: Partial<LaporConfigInput> = {}) {
  return createMapper(
    laporConfigSchema.parse({ kind: 'lapor', baseUrl: 'https://lapor.example/', instansiId: '3316', ...extra }),
  );
}

const wire = (patch: Record<string, unknown> = {}): Record<string, unknown> => ({
  tracking_id: '5010653',
  judul: 'Jalan rusak di Desa Sonorejo',
  isi: 'Yth. Dinas PUPR,<br />Jalan rusak parah.<br />Mohon ditindaklanjuti, terima kasih.',
  klasifikasi: 'pengaduan',
  topic_id: '2',
  topic_name: 'Jalan dan Jembatan',
  lokasi: 'Desa Sonorejo, Kec. Blora, Kab. Blora',
  anonim: false,
  rahasia: false,
  status: 'terdisposisi',
  unit_nama: 'Dinas Pekerjaan Umum dan Penataan Ruang',
  pelapor: { nama: 'Budi Santoso', telp: '081234567890', email: null, nik: '3316091203850001' },
  lampiran: ['https://lapor.example/files/a.jpg'],
  created_at: '2024-03-01T09:00:00+07:00',
  last_activity_at: '2024-03-02T10:30:00+07:00',
  tracking: [
    {
      id: '77',
      tracking_type: 'status',
      tracking_at: '2024-03-02T10:30:00+07:00',
      tracking_by: 'Admin Nasional',
      tracking_note: 'Laporan terdisposisi ke Pemerintah Kabupaten Blora',
    },
  ],
  ...patch,
});

function draftOf(record: PulledRecord) {
  if (!record.ok) throw new Error(`expected ok, got: ${record.reason}`);
  return record.draft;
}

describe('LAPOR mapping', () => {
  it('maps a full record into a complaint draft', () => {
    const draft = draftOf(mapperWith().map(wire()));
    expect(draft).toEqual({
      externalId: '5010653',
      crossRefs: [],
      classification: 'pengaduan',
      title: 'Jalan rusak di Desa Sonorejo',
      body: 'Yth. Dinas PUPR,<br />Jalan rusak parah.<br />Mohon ditindaklanjuti, terima kasih.',
      category: { id: '2', name: 'Jalan dan Jembatan' },
      opd: { name: 'Dinas Pekerjaan Umum dan Penataan Ruang' },
      location: { text: 'Desa Sonorejo, Kec. Blora, Kab. Blora' },
      reporter: { name: 'Budi Santoso', phone: '081234567890', nik: '3316091203850001' },
      anonim: false,
      rahasia: false,
      reportedAt: '2024-03-01T02:00:00.000Z',
      updatedAt: '2024-03-02T03:30:00.000Z',
      sourceStatus: 'terdisposisi',
      status: 'disposed',
      responses: [
        {
          externalId: '77',
          at: '2024-03-02T03:30:00.000Z',
          by: 'Admin Nasional',
          text: 'Laporan terdisposisi ke Pemerintah Kabupaten Blora',
          kind: 'status_note',
        },
      ],
      attachments: ['https://lapor.example/files/a.jpg'],
    });
  });

  it.each([
    ['belum diverifikasi', 'received'],
    ['terverifikasi', 'verified'],
    ['terdisposisi', 'disposed'],
    ['diproses', 'in_progress'],
    ['tunda', 'postponed'],
    ['bukan wewenang', 'not_authority'],
    ['Bukan_Wewenang', 'not_authority'],
    ['ditindaklanjuti', 'responded'],
    ['  Ditindaklanjuti ', 'responded'],
    ['selesai', 'closed'],
    ['diarsipkan', 'archived'],
    ['ditolak', 'rejected'],
    ['Sedang Diproses', undefined],
    ['', undefined],
  ])('status %j → %s (unmapped stays undefined for triage, the label is kept)', (label, status) => {
    const draft = draftOf(mapperWith().map(wire({ status: label })));
    expect(draft.status).toBe(status);
    expect(draft.sourceStatus).toBe(label.trim() === '' ? undefined : label);
  });

  it.each([
    [{ 'Sedang Diproses': 'in_progress' }, 'sedang diproses', 'in_progress'],
    [{ tunda: null }, 'tunda', undefined],
    [{ selesai: 'archived' }, 'selesai', 'archived'],
    [{}, 'terdisposisi', 'disposed'],
  ] as const)('statusMap override %j: %s → %s', (statusMap, label, status) => {
    expect(draftOf(mapperWith({ statusMap }).map(wire({ status: label }))).status).toBe(status);
  });

  it.each([
    ['pengaduan', 'pengaduan'],
    ['Aspirasi', 'aspirasi'],
    ['permintaan informasi', 'permintaan_informasi'],
    ['Permintaan_Informasi', 'permintaan_informasi'],
    ['whistle blowing', undefined],
    [null, undefined],
  ])('classification %j → %s', (label, classification) => {
    expect(draftOf(mapperWith().map(wire({ klasifikasi: label }))).classification).toBe(classification);
  });

  it.each([
    [true, true],
    [false, false],
    ['1', true],
    ['0', false],
    [1, true],
    [0, false],
    ['ya', true],
    ['Tidak', false],
    ['true', true],
  ])('flag %j reads as %s for both anonim and rahasia', (value, expected) => {
    const draft = draftOf(mapperWith().map(wire({ anonim: value, rahasia: value })));
    expect([draft.anonim, draft.rahasia]).toEqual([expected, expected]);
  });

  it.each([['mungkin'], [null], [undefined], [{}]])(
    'an unreadable rahasia flag %j fails the record instead of guessing "public"',
    (value) => {
      const record = mapperWith().map(wire({ rahasia: value }));
      expect(record).toMatchObject({ ok: false, externalId: '5010653', reason: expect.stringContaining('rahasia') });
    },
  );

  it.each([
    ['tindak_lanjut', 'tindak_lanjut'],
    ['komentar', 'comment'],
    ['balasan_pelapor', 'comment'],
    ['Balasan Pelapor', 'comment'],
    ['status', 'status_note'],
    ['verifikasi', 'status_note'],
    [undefined, 'status_note'],
  ])('timeline entry type %j → %s', (type, kind) => {
    const draft = draftOf(
      mapperWith().map(
        wire({
          tracking: [
            {
              tracking_type: type,
              tracking_at: '2024-03-02 10:30:00',
              tracking_by: 'Dinas',
              tracking_note: 'Sudah ditangani',
            },
          ],
        }),
      ),
    );
    expect(draft.responses).toEqual([{ at: '2024-03-02T03:30:00.000Z', by: 'Dinas', text: 'Sudah ditangani', kind }]);
  });

  it.each([
    ['tracking: null', { tracking: null }, true],
    ['tracking missing', { tracking: undefined }, true],
    ['tracking not a list', { tracking: 'none' }, false],
    ['entry with an unreadable time', { tracking: [{ tracking_at: 'kemarin', tracking_note: 'x' }] }, false],
    [
      'entry with a numeric note',
      { tracking: [{ tracking_at: '2024-03-02T10:30:00+07:00', tracking_note: 42 }] },
      true,
    ],
  ])('timeline: %s → ok %s', (_label, patch, ok) => {
    expect(mapperWith().map(wire(patch)).ok).toBe(ok);
  });

  it.each([
    ['a string id', { tracking_id: '5010653' }, '5010653'],
    ['a safe JSON number', { tracking_id: 5010653 }, '5010653'],
    ['beyond 32 bits', { tracking_id: '98765432101' }, '98765432101'],
    ['an unsafe JSON number', { tracking_id: 2 ** 53 + 2 }, undefined],
    ['an empty id', { tracking_id: '' }, undefined],
    ['no id', { tracking_id: undefined }, undefined],
  ])('tracking id: %s', (_label, patch, id) => {
    const record = mapperWith().map(wire(patch));
    if (id === undefined) expect(record.ok).toBe(false);
    else expect(record).toMatchObject({ ok: true, externalId: id });
  });

  it.each([
    ['2024-03-02T10:30:00+07:00', '2024-03-02T03:30:00.000Z'],
    ['2024-03-02T03:30:00Z', '2024-03-02T03:30:00.000Z'],
    ['2024-03-02 10:30:00', '2024-03-02T03:30:00.000Z'],
    ['2024-03-02T10:30:00.250+07:00', '2024-03-02T03:30:00.250Z'],
    ['0000-00-00 00:00:00', undefined],
    ['02/03/2024 10:30', undefined],
    ['', undefined],
  ])('last activity %j → %s', (text, iso) => {
    const record = mapperWith().map(wire({ last_activity_at: text }));
    if (iso === undefined)
      expect(record).toMatchObject({ ok: false, reason: expect.stringContaining('last_activity_at') });
    else expect(draftOf(record).updatedAt).toBe(iso);
  });

  it('keeps identity out of an anonim record LAPOR already stripped, and resolves attachment links', () => {
    const draft = draftOf(
      mapperWith().map(wire({ anonim: true, pelapor: null, lampiran: ['/files/b.jpg', 'javascript:alert(1)', 7] })),
    );
    expect(draft.reporter).toBeUndefined();
    expect(draft.attachments).toEqual(['https://lapor.example/files/b.jpg']);
  });

  it('reads renamed and nested fields from configuration', () => {
    const mapper = mapperWith({
      fields: {
        report: { trackingId: 'laporan.id', lastActivityAt: 'laporan.updated', status: 'laporan.state.label' },
      },
    });
    const raw = { ...wire(), laporan: { id: '123', updated: '2024-03-05 08:00:00', state: { label: 'Selesai' } } };
    expect(draftOf(mapper.map(raw))).toMatchObject({
      externalId: '123',
      updatedAt: '2024-03-05T01:00:00.000Z',
      status: 'closed',
    });
    expect(mapper.position(raw)).toEqual({ id: '123', t: Date.parse('2024-03-05T01:00:00Z') });
  });
});
