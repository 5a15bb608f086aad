/** The due lists ("jatuh tempo besok", "terlambat"): page, CLI and exports. */
export const dueId = {
  title: 'Jatuh tempo besok dan terlambat',
  titleOf: (opd: string) => `Jatuh tempo besok dan terlambat — ${opd}`,
  link: 'Jatuh tempo & terlambat',
  dueTomorrow: (day: string) => `Jatuh tempo sampai akhir hari kerja berikutnya (${day})`,
  overdue: 'Terlambat: lewat batas dan belum dijawab',
  byOpd: 'Per OPD',
  none: 'Tidak ada.',
  columns: {
    number: 'Sumber · nomor',
    opd: 'OPD',
    title: 'Judul',
    reportedAt: 'Dilaporkan',
    dueAt: 'Batas waktu',
    elapsed: 'Hari kerja berjalan / batas',
    dueTomorrow: 'Jatuh tempo besok',
    overdue: 'Terlambat',
  },
  unassigned: 'Belum ada OPD',
  rahasia: 'Aduan rahasia: isi tidak ditampilkan',
  untitled: 'Tanpa judul',
  measured: (at: string, since: string) =>
    `Dihitung ${at}, dari aduan yang dilaporkan sejak ${since}. Masa "tunda" tidak dihitung; batas per klasifikasi dan per OPD mengikuti konfigurasi (timeLimits.overrides).`,
  allOpd: '‹ Semua OPD',
};

export const dueEn: typeof dueId = {
  title: 'Due tomorrow and overdue',
  titleOf: (opd: string) => `Due tomorrow and overdue — ${opd}`,
  link: 'Due & overdue',
  dueTomorrow: (day: string) => `Due by the end of the next working day (${day})`,
  overdue: 'Overdue: past the limit and not answered',
  byOpd: 'Per OPD',
  none: 'None.',
  columns: {
    number: 'Source · number',
    opd: 'OPD',
    title: 'Title',
    reportedAt: 'Reported',
    dueAt: 'Due',
    elapsed: 'Working days elapsed / limit',
    dueTomorrow: 'Due tomorrow',
    overdue: 'Overdue',
  },
  unassigned: 'No OPD yet',
  rahasia: 'Confidential complaint: text not shown',
  untitled: 'Untitled',
  measured: (at: string, since: string) =>
    `Measured ${at}, over complaints reported since ${since}. Time "tunda" (postponed) does not count; limits per classification and per OPD follow the configuration (timeLimits.overrides).`,
  allOpd: '‹ All OPDs',
};
