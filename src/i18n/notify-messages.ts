/** The daily summary and the source alerts, as people read them in e-mail or chat. */
export const notifyId = {
  summarySubject: (instance: string, day: string) => `Ringkasan harian lapor-bridge ${instance} — ${day}`,
  summaryIntro: (day: string, zone: string) => `Ringkasan aduan ${day} (${zone}).`,
  intake: (received: number, answered: number) => `Aduan masuk kemarin: ${received} (sudah dijawab: ${answered}).`,
  overdueHeading: (n: number, dueTomorrow: number) =>
    `Terlambat saat ini: ${n} aduan; jatuh tempo sampai hari kerja berikutnya: ${dueTomorrow}.`,
  overdueLine: (opd: string, overdue: number, dueTomorrow: number) =>
    `- ${opd}: ${overdue} terlambat, ${dueTomorrow} jatuh tempo besok`,
  noOpd: 'Belum ada OPD',
  syncHeading: 'Sinkronisasi sumber:',
  syncLine: (source: string, state: string, lastSuccess: string) =>
    `- ${source}: ${state}, terakhir berhasil ${lastSuccess}`,
  states: { idle: 'baik', polling: 'sedang menarik', failing: 'BERMASALAH' } as Record<string, string>,
  more: (path: string) => `Rincian: ${path}`,
  failingSubject: (source: string) => `lapor-bridge: sumber ${source} bermasalah`,
  failingText: (source: string, since: string, failures: number, error: string, what: string, todo: string) =>
    `Sumber ${source} gagal disinkronkan sejak ${since} (${failures} kali berturut-turut).\nGalat terakhir: ${error}\nArtinya: ${what}\nYang dapat dilakukan: ${todo}\nPesan ini dikirim sekali per gangguan; pesan berikutnya menyusul saat sumber pulih.`,
  recoveredSubject: (source: string) => `lapor-bridge: sumber ${source} pulih`,
  recoveredText: (source: string, at: string) => `Sumber ${source} kembali tersinkronkan pada ${at}.`,
};

export const notifyEn: typeof notifyId = {
  summarySubject: (instance: string, day: string) => `lapor-bridge daily summary ${instance} — ${day}`,
  summaryIntro: (day: string, zone: string) => `Complaints of ${day} (${zone}).`,
  intake: (received: number, answered: number) => `Complaints received yesterday: ${received} (answered: ${answered}).`,
  overdueHeading: (n: number, dueTomorrow: number) =>
    `Overdue now: ${n} complaints; due by the next working day: ${dueTomorrow}.`,
  overdueLine: (opd: string, overdue: number, dueTomorrow: number) =>
    `- ${opd}: ${overdue} overdue, ${dueTomorrow} due tomorrow`,
  noOpd: 'No OPD yet',
  syncHeading: 'Source sync:',
  syncLine: (source: string, state: string, lastSuccess: string) =>
    `- ${source}: ${state}, last success ${lastSuccess}`,
  states: { idle: 'ok', polling: 'polling', failing: 'FAILING' },
  more: (path: string) => `Details: ${path}`,
  failingSubject: (source: string) => `lapor-bridge: source ${source} is failing`,
  failingText: (source: string, since: string, failures: number, error: string, what: string, todo: string) =>
    `Source ${source} has failed to sync since ${since} (${failures} times in a row).\nLast error: ${error}\nMeaning: ${what}\nWhat you can do: ${todo}\nThis is sent once per incident; another message follows when the source recovers.`,
  recoveredSubject: (source: string) => `lapor-bridge: source ${source} recovered`,
  recoveredText: (source: string, at: string) => `Source ${source} synced again at ${at}.`,
};
