/**
 * What the JSON API and the webhook inbox say to people in their `error` field (Indonesian
 * first), the `api` part of the catalogue (messages.ts). Programs read the `code` beside it,
 * which never changes with the language.
 */

/** Why a case command cannot be done (src/dedup/cases.ts CaseError), with what the refusal names. */
export interface CaseRefusalDetail {
  id?: string;
  caseId?: string;
  /** The case's number of complaints (NOTHING_TO_SPLIT). */
  members?: number;
  /** NOT_FOUND of a proposal rather than of a case or complaint. */
  proposal?: boolean;
}

export const apiId = {
  signInFirst: 'masuk dulu: cookie sesi, Authorization: Bearer <token API>, atau basic auth dengan sebuah akun',
  forbidden: 'akun Anda tidak boleh melakukan ini (peran atau OPD)',
  internal: 'kesalahan internal (lihat log daemon)',
  shuttingDown: 'daemon sedang berhenti',
  metricsUnavailable: 'metrik tidak tersedia: Redis tidak terjangkau',
  queuesAdminsOnly: 'hanya admin yang boleh mengubah antrean',
  crossSite: 'permintaan dari situs lain ditolak',
  unknownOpd: (code: string) => `OPD "${code}" tidak ada di direktori`,
  noComplaint: (id: string) => `tidak ada aduan "${id}"`,
  noTriageEntry: (id: string) => `tidak ada entri triase "${id}" (mungkin sudah selesai)`,
  triageNeedsOpd: 'entri ini selesai dengan menetapkan OPD: POST /api/triage/<aduan>/assign',
  triageFiledAgain: 'entri ini diisi ulang oleh versi baru aduannya sejak seenAt; baca lagi',
  caseRefusal: (code: string, d: CaseRefusalDetail): string => {
    switch (code) {
      case 'NOT_FOUND':
        return d.proposal
          ? `tidak ada usulan "${d.id ?? ''}" (lihat: lapor-bridge cases list)`
          : `tidak ada kasus atau aduan "${d.id ?? ''}"`;
      case 'NOT_IN_CASE':
        return `aduan ${d.id ?? ''} tidak termasuk kasus ${d.caseId ?? ''}`;
      case 'NOTHING_TO_SPLIT':
        return `kasus ${d.caseId ?? ''}: sebutkan sebagian, bukan semua, dari ${d.members ?? 0} aduannya`;
      case 'ALREADY_DECIDED':
        return `usulan ${d.id ?? ''} sudah dikonfirmasi; pisahkan kasusnya dengan: lapor-bridge cases split`;
      default:
        return code;
    }
  },
  hooks: {
    noChannel: 'tidak ada kanal dengan nama ini',
    bodyTooLarge: (bytes: number) => `isi lebih besar dari ${bytes} byte`,
    bodyUnreadable: 'isi tidak dapat dibaca',
    signatureRefused: 'tanda tangan tidak diterima',
    notJsonKept: 'isi bukan JSON; disimpan di karantina',
    tooDeepKept: (levels: number) => `isi bersarang lebih dari ${levels} tingkat; disimpan di karantina`,
    notStored: 'tidak tersimpan; coba kirim lagi',
  },
};

export const apiEn: typeof apiId = {
  signInFirst: 'sign in first: a session cookie, Authorization: Bearer <API token>, or basic auth with an account',
  forbidden: 'not allowed for your account (role or OPD)',
  internal: 'internal error (see the daemon log)',
  shuttingDown: 'the daemon is shutting down',
  metricsUnavailable: 'metrics unavailable: Redis not reachable',
  queuesAdminsOnly: 'only admins may change queues',
  crossSite: 'cross-site request refused',
  unknownOpd: (code) => `OPD "${code}" is not in the directory`,
  noComplaint: (id) => `no complaint "${id}"`,
  noTriageEntry: (id) => `no triage entry "${id}" (it may be settled already)`,
  triageNeedsOpd: 'this entry is settled by assigning an OPD: POST /api/triage/<complaint>/assign',
  triageFiledAgain: 'a new version of its complaint filed this entry again since seenAt; read it again',
  caseRefusal: (code, d) => {
    switch (code) {
      case 'NOT_FOUND':
        return d.proposal
          ? `no proposal "${d.id ?? ''}" (see: lapor-bridge cases list)`
          : `no case or complaint "${d.id ?? ''}"`;
      case 'NOT_IN_CASE':
        return `complaint ${d.id ?? ''} is not in case ${d.caseId ?? ''}`;
      case 'NOTHING_TO_SPLIT':
        return `case ${d.caseId ?? ''}: name some but not all of its ${d.members ?? 0} complaints`;
      case 'ALREADY_DECIDED':
        return `proposal ${d.id ?? ''} is already confirmed; split the case with: lapor-bridge cases split`;
      default:
        return code;
    }
  },
  hooks: {
    noChannel: 'no such channel',
    bodyTooLarge: (bytes) => `body larger than ${bytes} bytes`,
    bodyUnreadable: 'body unreadable',
    signatureRefused: 'signature not accepted',
    notJsonKept: 'body is not JSON; kept in quarantine',
    tooDeepKept: (levels) => `body is nested deeper than ${levels} levels; kept in quarantine`,
    notStored: 'not stored; try again',
  },
};
