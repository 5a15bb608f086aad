import { usersId } from './accounts-messages.js';
import { workspaceId } from './workspace-messages.js';

/**
 * Everything a person reads, in Indonesian: the default language and the shape every other
 * language must fill (catalog-en.ts). A message with values is a function of them.
 */
export const id = {
  config: {
    header: (n: number) => `konfigurasi punya ${n} masalah:`,
    fix: 'perbaiki',
    from: (origin: string) => `dari ${origin}`,
    unknownTimeZone: (zone: string) => `zona waktu "${zone}" tidak dikenal`,
    daylightSaving: (zone: string) =>
      `zona waktu "${zone}" memakai waktu musim panas; hari kerja butuh zona dengan selisih UTC tetap`,
    timeZoneHint: (guess: string | undefined) =>
      `${guess ? `maksudnya "${guess}"? ` : ''}tulis nama zona IANA: Asia/Jakarta (WIB), Asia/Makassar (WITA) atau Asia/Jayapura (WIT)`,
  },
  cli: {
    none: '(tidak ada)',
    status: {
      sources: 'sumber',
      queues: 'antrean',
      source: 'sumber',
      state: 'keadaan',
      lastSuccess: 'terakhir berhasil',
      items: 'rekaman',
      failingSince: 'bermasalah sejak',
      lastError: 'galat terakhir',
      cursor: 'posisi',
      queue: 'antrean',
      ledger: (complaints: number, quarantine: number, triage: number, deadLetters: number) =>
        `ledger: ${complaints} aduan · karantina: ${quarantine} · triase: ${triage} · gagal permanen (dlq): ${deadLetters}`,
    },
    validConfig: (files: string) => `konfigurasi valid (${files} < lingkungan)`,
  },
  states: { idle: 'siap', polling: 'sedang menarik', failing: 'bermasalah' } as Record<string, string>,
  users: usersId,
  workspace: workspaceId,
};

export type Catalog = typeof id;
