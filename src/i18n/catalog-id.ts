import { configId } from './config-messages.js';
import { apiId } from './api-messages.js';
import { usersId } from './accounts-messages.js';
import { cliId } from './cli-messages.js';
import { helpId } from './help-messages.js';
import { dueId } from './due-messages.js';
import { syncId } from './sync-messages.js';
import { notifyId } from './notify-messages.js';
import { pagesId } from './page-messages.js';
import { workspaceId } from './workspace-messages.js';
import { triageId } from './triage-messages.js';
import { auditId } from './audit-messages.js';

/**
 * Everything a person reads, in Indonesian: the default language and the shape every other
 * language must fill (catalog-en.ts). A message with values is a function of them.
 */
export const id = {
  config: configId,
  cli: cliId,
  help: helpId,
  nav: { rekap: 'Rekap OPD', syncLogs: 'Log sinkronisasi', queues: 'Antrean' },
  dashboard: {
    queues: {
      poll: 'Penarikan terjadwal dari tiap sumber: satu job per slot jadwal (atau "sinkronkan sekarang")',
      ingest: 'Satu job per halaman yang ditarik: normalisasi, ledger, dedup, rute, lalu rencana kirim',
      push: 'Kiriman ke sistem lain: teruskan aduan, nomor pelacakan, jawaban yang disetujui, status',
    } as Record<'poll' | 'ingest' | 'push', string>,
    subject: 'Buka aduan / log',
    links: [
      { text: 'Kotak masuk', url: '/kotak-masuk' },
      { text: 'Rekap OPD', url: '/rekap' },
      { text: 'Log sinkronisasi', url: '/sync-logs' },
    ],
  },
  rekap: {
    query: {
      monthFormat: 'bulan ditulis YYYY-MM, mis. 2026-03',
      dateFormat: 'tanggal ditulis YYYY-MM-DD',
      badSource: 'nama sumber tidak valid',
      fromToTogether: 'isi tanggal "dari" dan "sampai" bersama-sama',
      monthOrRange: 'pilih bulan atau rentang tanggal, tidak keduanya',
      fromBeforeTo: 'tanggal "dari" harus sebelum "sampai"',
      tooLong: (days: number) => `rentang paling panjang ${days} hari`,
    },
    title: (period: string) => `Rekap aduan per OPD — ${period}`,
    opdTitle: (opd: string, period: string) => `Rekap ${opd} — ${period}`,
    months: [
      'Januari',
      'Februari',
      'Maret',
      'April',
      'Mei',
      'Juni',
      'Juli',
      'Agustus',
      'September',
      'Oktober',
      'November',
      'Desember',
    ],
    columns: {
      opd: 'OPD',
      source: 'Kanal',
      total: 'Diterima',
      share: 'Porsi',
      answeredOnTime: 'Dijawab tepat waktu',
      answeredLate: 'Dijawab terlambat',
      answeredUndated: 'Dijawab tanpa tanggal',
      pending: 'Belum dijawab',
      overdue: 'Lewat batas',
      notAuthority: 'Bukan wewenang',
      closedWithoutAnswer: 'Diarsipkan/ditolak',
      median: 'Median hari kerja',
      p90: 'P90 hari kerja',
      topics: 'Topik terbanyak',
      week: 'Minggu mulai',
      received: 'Diterima',
      answered: 'Dijawab',
      number: 'Sumber · nomor',
      title: 'Judul',
      reportedAt: 'Dilaporkan',
      elapsed: 'Hari kerja berjalan / batas',
    },
    unassigned: 'Belum ada OPD',
    total: 'Jumlah',
    views: { opd: 'Per OPD', channels: 'Per kanal', weeks: 'Per minggu', overdue: 'Lewat batas', topics: 'Topik' },
    sections: {
      channels: 'Per kanal (sumber)',
      chart: 'Diterima dan dijawab per minggu',
      topics: 'Topik terbanyak',
      overdue: 'Belum dijawab lewat batas, paling lama menunggu',
      overdueOf: (opd: string) => `Aduan ${opd} yang lewat batas`,
    },
    approvalWait: {
      title: 'Waktu tunggu persetujuan kepala OPD',
      none: 'Tidak ada draf jawaban untuk aduan periode ini.',
      decided: 'Diputuskan',
      median: 'Median (jam)',
      p90: 'P90 (jam)',
      waiting: 'Masih menunggu',
      oldest: 'Terlama menunggu (jam)',
      columns: {
        decided: 'Draf diputuskan kepala',
        median: 'Tunggu persetujuan, median (jam)',
        p90: 'Tunggu persetujuan, P90 (jam)',
        waiting: 'Draf masih menunggu',
        oldest: 'Draf terlama menunggu (jam)',
      },
      note: 'Jam dari draf ditulis sampai kepala OPD menyetujui atau menolak, atas jawaban untuk aduan yang diterima dalam periode.',
    },
    cards: {
      received: 'aduan diterima',
      onTime: (pct: string) => `dijawab tepat waktu (${pct})`,
      late: 'dijawab terlambat',
      pending: 'belum dijawab',
      overdue: 'lewat batas',
      median: 'median hari kerja s.d. jawaban pertama',
    },
    trend: (
      previous: string,
      received: { now: string; before: string; change: string },
      onTime: { now: string; before: string },
    ) =>
      `Dibanding ${previous}: diterima ${received.now} (sebelumnya ${received.before}, ${received.change}), dijawab tepat waktu ${onTime.now} (sebelumnya ${onTime.before}).`,
    noOverdue: 'Tidak ada aduan yang lewat batas pada periode ini.',
    rahasia: 'Aduan rahasia: isi tidak ditampilkan',
    untitled: 'Tanpa judul',
    categories: 'Kategori',
    words: 'Kata terbanyak (aduan tanpa kategori)',
    noTopics: 'Belum ada topik.',
    generated: (at: string) => `Dibuat ${at}`,
    periodLine: (from: string, to: string, zone: string) => `Aduan yang dilaporkan ${from} s.d. ${to} (${zone})`,
    sourceLine: (source: string) => `sumber ${source}`,
    allSources: 'semua sumber',
    picker: {
      month: 'Bulan',
      from: 'Dari',
      to: 'Sampai',
      source: 'Sumber',
      allSources: 'Semua sumber',
      show: 'Tampilkan',
      otherRange: 'Rentang tanggal lain',
      previous: '‹ Bulan sebelumnya',
      next: 'Bulan berikutnya ›',
    },
    downloads: 'Unduh',
    print: 'Cetak: gunakan menu cetak peramban (A4 mendatar).',
    sortBy: (column: string) => `Urutkan menurut ${column}`,
    backToAll: '‹ Semua OPD',
    unreadable: (n: string) => `${n} dokumen di ledger tidak terbaca sebagai aduan dan tidak dihitung.`,
    notes: {
      answered:
        'Dijawab tepat waktu / terlambat: tindak lanjut pertama dalam / lewat batas hari kerja sejak dilaporkan. Dijawab tanpa tanggal: berstatus ditindaklanjuti/selesai tanpa tindak lanjut bertanggal.',
      limits: (dispose: string, total: string, followUp: string) =>
        `Batas: ${dispose} hari kerja untuk disposisi bila belum ada OPD; ${total} hari kerja (${dispose} disposisi + ${followUp} tindak lanjut) bila sudah ada OPD.`,
      workingDays:
        'Hari kerja: Senin–Jumat di luar libur nasional dan cuti bersama yang tercantum di konfigurasi (calendar.holidays).',
      notAuthority:
        'Bukan wewenang: aduan yang saat ini berstatus bukan wewenang dan menunggu disposisi ulang; LAPOR melepas OPD-nya, sehingga tampil di baris “Belum ada OPD”.',
      topics:
        'Topik: kategori aduan; untuk aduan tanpa kategori, kata yang paling sering muncul di judul (aduan rahasia tidak ikut).',
    },
  },
  states: { idle: 'siap', polling: 'sedang menarik', failing: 'bermasalah' } as Record<string, string>,
  due: dueId,
  sync: syncId,
  notify: notifyId,
  pages: pagesId,
  api: apiId,
  users: usersId,
  workspace: workspaceId,
  triage: triageId,
  audit: auditId,
  responses: {
    drafted: (id: string) =>
      `${id}: draf, menunggu persetujuan: lapor-bridge responses approve ${id} --as KEPALA_OPD (atau reject ${id} --as KEPALA_OPD --reason ALASAN)`,
    approvedAtOnce: (id: string, opd: string) =>
      `${id}: disetujui (${opd} tidak perlu persetujuan); diantrekan ke setiap kanal kasus`,
    approved: (id: string, by: string) =>
      `${id}: disetujui oleh ${by}; diantrekan untuk dikirim (daemon yang berjalan mengirimnya)`,
    rejected: (id: string, by: string) => `${id}: ditolak oleh ${by}; jawaban ini tidak akan pernah dikirim`,
    refusal: (code: string, d: { opd?: string; assigned?: string; known?: string[]; id?: string }): string => {
      const list = d.known && d.known.length > 0 ? `\n  OPD yang boleh: ${d.known.join('; ')}` : '';
      switch (code) {
        case 'no_rules':
          return 'belum ada daemon yang menerbitkan aturannya di Redis ini: jalankan dulu lapor-bridge start dengan konfigurasinya';
        case 'no_complaint':
          return `tidak ada aduan "${d.id ?? ''}"`;
        case 'unknown_opd':
          return `"${d.opd ?? ''}" bukan OPD di direktori${list}`;
        case 'not_assigned':
          return d.opd
            ? `${d.opd} tidak boleh menandatangani jawaban untuk aduan ${d.assigned ? `milik ${d.assigned}` : 'yang belum punya OPD'}${list}`
            : `aduan ini belum punya OPD: sebutkan OPD yang menjawab (--opd)${list}`;
        case 'no_answer':
          return `tidak ada jawaban "${d.id ?? ''}" (lihat: lapor-bridge responses list)`;
        case 'rejected':
          return `jawaban "${d.id ?? ''}" sudah ditolak; tulis jawaban baru`;
        case 'already_approved':
          return `jawaban "${d.id ?? ''}" sudah disetujui dan sedang/sudah dikirim`;
        default:
          return code;
      }
    },
  },
};

export type Catalog = typeof id;
