import { wordsFor } from './code-words.js';
import { shownTriageValue, triageEn, triageId } from './triage-messages.js';

/**
 * What an audit entry records, as people read it on the complaint and audit pages. The entry
 * keeps its code (`what`), the name machines and exports use; a code not listed here is shown
 * as it is. Why it was done is said here where the entry carries what the sentence needs (who
 * did it, its detail); otherwise, and where the why is a person's or a decision's own words
 * (a rejection's reason, dedup's and routing's), as the entry recorded it.
 */
const ACTIONS_ID = {
  created: 'aduan tercatat',
  updated: 'versi baru dari sumber',
  stale_ignored: 'versi lama diabaikan',
  routed: 'OPD ditetapkan',
  opd_resolved: 'OPD dikenali direktori',
  case_proposed: 'diusulkan satu kasus',
  proposal_confirmed: 'usulan kasus diterima',
  proposal_rejected: 'usulan kasus ditolak',
  related_linked: 'ditautkan dengan aduan terkait',
  case_merged: 'kasus digabung',
  case_split: 'kasus dipisah',
  forwarded: 'diteruskan',
  forward_skipped: 'tidak diteruskan',
  tracking_id_written: 'nomor pelacakan ditulis balik',
  answer_drafted: 'draf jawaban ditulis',
  answer_edited: 'draf jawaban diubah',
  answer_approved: 'jawaban disetujui',
  answers_approved: 'jawaban dari sumber disetujui',
  answer_rejected: 'jawaban ditolak',
  answer_sent: 'jawaban dikirim',
  raw_text_viewed: 'teks asli dibuka',
  quarantine_cleared: 'karantina dikosongkan',
  quarantine_replay: 'rekaman karantina diproses ulang',
  dead_lettered: 'gagal permanen (dlq)',
  dlq_retry: 'dlq dicoba ulang',
  triage_reviewed: 'triase ditandai sudah ditinjau',
  dlq_drop: 'dlq dibuang',
  cursor_reset: 'posisi penarikan diulang',
  sync_requested: 'sinkronisasi diminta',
  model_trained: 'model rute dilatih',
  user_added: 'akun dibuat',
  user_disabled: 'akun dinonaktifkan',
  user_enabled: 'akun diaktifkan',
  role_changed: 'peran diubah',
  password_reset: 'kata sandi diatur ulang',
  token_created: 'token API dibuat',
  token_revoked: 'token API dicabut',
  login: 'masuk',
  login_failed: 'gagal masuk',
  login_refused: 'masuk ditolak',
  logout: 'keluar',
} as const;

const ACTIONS_EN: Readonly<Record<keyof typeof ACTIONS_ID, string>> = {
  created: 'complaint recorded',
  updated: 'newer version from the source',
  stale_ignored: 'older version ignored',
  routed: 'OPD assigned',
  opd_resolved: 'OPD found in the directory',
  case_proposed: 'proposed as one case',
  proposal_confirmed: 'case proposal accepted',
  proposal_rejected: 'case proposal rejected',
  related_linked: 'linked to related complaints',
  case_merged: 'cases merged',
  case_split: 'case split',
  forwarded: 'complaint forwarded',
  forward_skipped: 'not forwarded',
  tracking_id_written: 'tracking id written back',
  answer_drafted: 'answer drafted',
  answer_edited: 'answer draft edited',
  answer_approved: 'answer approved',
  answers_approved: 'answers from the source approved',
  answer_rejected: 'answer rejected',
  answer_sent: 'answer sent',
  raw_text_viewed: 'text as sent viewed',
  quarantine_cleared: 'quarantine cleared',
  quarantine_replay: 'quarantined record replayed',
  dead_lettered: 'failed for good (dlq)',
  dlq_retry: 'dead letter retried',
  triage_reviewed: 'triage entry marked reviewed',
  dlq_drop: 'dead letter dropped',
  cursor_reset: 'pull position reset',
  sync_requested: 'sync requested',
  model_trained: 'routing model trained',
  user_added: 'account created',
  user_disabled: 'account disabled',
  user_enabled: 'account enabled',
  role_changed: 'role changed',
  password_reset: 'password reset',
  token_created: 'API token created',
  token_revoked: 'API token revoked',
  login: 'signed in',
  login_failed: 'sign-in failed',
  login_refused: 'sign-in refused',
  logout: 'signed out',
};

/** An audit entry's fields as the stream holds them. */
export type AuditFields = Readonly<Record<string, string | undefined>>;

/**
 * What a sentence may use of an entry: its channel (who `ingest:` or `intake:<source>`), person
 * (`officer:<name>`) and detail (text and numbers as text, a list by its length).
 */
interface Facts {
  source?: string;
  officer?: string;
  /** An operator who assigned an OPD (`operator:<name>`). */
  operator?: string;
  detail: Record<string, string>;
}

/** A share as people read it: "0.874" → "87%". */
const percent = (share: string) => `${Math.round(Number(share) * 100)}%`;

function factsOf(f: AuditFields): Facts {
  const detail: Record<string, string> = {};
  try {
    const parsed = JSON.parse(f.detail ?? '{}') as unknown;
    if (parsed && typeof parsed === 'object')
      for (const [k, v] of Object.entries(parsed)) {
        if (typeof v === 'string' && v !== '') detail[k] = v;
        else if (typeof v === 'number') detail[k] = String(v);
        // A list is said by how many it holds.
        else if (Array.isArray(v)) detail[k] = String(v.length);
      }
  } catch {
    // A detail that is not JSON says nothing here.
  }
  const who = f.who ?? '';
  return {
    ...(/^(ingest|intake):/.test(who) ? { source: who.slice(who.indexOf(':') + 1) } : {}),
    ...(who.startsWith('officer:') ? { officer: who.slice('officer:'.length) } : {}),
    ...(who.startsWith('operator:') ? { operator: who.slice('operator:'.length) } : {}),
    detail,
  };
}

/** A triage entry as a sentence names it: its kind, and its value where that tells something. */
function triageWhat(kindWord: (kind: string) => string, d: Record<string, string>): string {
  const value = shownTriageValue({ kind: d.kind ?? '', value: d.value ?? '' });
  return `${kindWord(d.kind ?? '')}${value !== undefined ? ` "${value}"` : ''}${d.source ? ` (${d.source})` : ''}`;
}

type Sentences = Readonly<Record<string, (facts: Facts) => string | undefined>>;

const WHY_ID: Sentences = {
  created: ({ source }) => source && `pertama kali masuk dari ${source}`,
  updated: ({ source }) => source && `versi baru dari ${source}`,
  stale_ignored: ({ source }) => source && `versi dari ${source} lebih lama dari yang tersimpan; diabaikan`,
  forwarded: ({ detail: d }) =>
    d.destination &&
    `diteruskan ke ${d.destination} menurut aturan teruskan${d.remoteId ? `; nomornya di sana ${d.remoteId}` : ''}`,
  tracking_id_written: ({ detail: d }) => d.trackingId && `nomor pelacakan ${d.trackingId} ditulis ke rekaman asalnya`,
  answer_sent: ({ detail: d }) =>
    d.system && d.externalId && `jawaban yang disetujui dikirim ke ${d.system} ${d.externalId}`,
  forward_skipped: ({ detail: d }) =>
    d.reason === 'closed_at_source'
      ? d.source && d.seen && `tidak diteruskan: sudah ${d.seen} di ${d.source}`
      : d.reason === 'case_already_there' && d.destination && d.seen
        ? `kasusnya sudah ada di ${d.destination}: ${d.seen}`
        : undefined,
  case_merged: ({ detail: d }) =>
    d.by === 'identity' && d.from && d.into
      ? `kasus ${d.from} adalah aduan yang sama dengan kasus ${d.into}`
      : d.by === 'resumed' && d.from && d.planned
        ? `melanjutkan penggabungan kasus ${d.from} ke ${d.planned} yang terputus`
        : undefined,
  case_split: ({ detail: d }) =>
    d.by === 'resumed' && d.from ? `melanjutkan pemisahan kasus ${d.from} yang terputus` : undefined,
  routed: ({ operator, detail: d }) =>
    operator
      ? `ditetapkan oleh ${operator}`
      : d.model && d.confidence && d.threshold
        ? `model ${d.model}: ${percent(d.confidence)} yakin (ambang ${percent(d.threshold)})`
        : undefined,
  answer_drafted: () => 'menunggu persetujuan kepala OPD',
  answer_approved: ({ officer, source }) =>
    officer
      ? `disetujui oleh ${officer}`
      : source && `diterbitkan di ${source}: disetujui tanpa ditanyakan kepada orang`,
  answer_edited: () => 'teks draf diubah sebelum disetujui',
  raw_text_viewed: () => 'admin membuka teks seperti dikirim sumbernya',
  answers_approved: ({ source, detail: d }) =>
    source &&
    d.answers &&
    `${d.answers} jawaban dari ${source} disetujui tanpa ditanyakan kepada orang (terbit di sumbernya, atau OPD-nya tidak perlu persetujuan)`,
  quarantine_cleared: ({ source, detail: d }) =>
    source && d.records && `${d.records} rekaman karantina dari ${source} datang lagi dengan sah`,
  quarantine_replay: ({ detail: d }) =>
    d.source &&
    d.externalId &&
    (d.by === 'refetch'
      ? `rekaman ${d.externalId} dari ${d.source} diambil ulang dari sumbernya dan kini sah`
      : `rekaman ${d.externalId} dari ${d.source} lolos pemetaan yang berlaku`),
  cursor_reset: ({ detail: d }) =>
    d.source &&
    `${d.source} menolak posisi penarikan; ditarik ulang dari awal (ledger mengabaikan yang sudah dipegangnya)`,
  sync_requested: ({ detail: d }) => d.source && `penarikan ${d.source} diantrekan dari /sync-logs`,
  dlq_retry: ({ detail: d }) => d.key && `${d.key} dikirim ulang`,
  triage_reviewed: ({ operator, detail: d }) =>
    operator &&
    d.kind &&
    `${triageWhat(triageId.kind, d)} ditinjau oleh ${operator}; tidak ada lagi yang perlu diputuskan`,
  dlq_drop: ({ detail: d }) => d.key && `${d.key} dibuang`,
  model_trained: ({ detail: d }) => d.examples && d.opds && `dari ${d.examples} aduan, ${d.opds} OPD`,
  user_added: ({ detail: d }) => d.role && `peran ${d.role}${d.opd ? ` untuk ${d.opd}` : ''}`,
  login: ({ detail: d }) => d.address && `dari ${d.address}`,
  login_failed: ({ detail: d }) =>
    d.cause === 'disabled' ? 'akun dinonaktifkan' : d.cause && 'nama pengguna atau kata sandi salah',
  login_refused: () => 'dikunci setelah berulang kali gagal',
  logout: () => 'sesi diakhiri oleh penggunanya',
  password_reset: () => 'semua sesinya diakhiri',
};

const WHY_EN: Readonly<Record<keyof typeof WHY_ID, Sentences[string]>> = {
  created: ({ source }) => source && `first seen on ${source}`,
  updated: ({ source }) => source && `newer version from ${source}`,
  stale_ignored: ({ source }) => source && `the version from ${source} is older than the one held; ignored`,
  forwarded: ({ detail: d }) =>
    d.destination &&
    `forwarded to ${d.destination} by a forward rule${d.remoteId ? `; its number there ${d.remoteId}` : ''}`,
  tracking_id_written: ({ detail: d }) => d.trackingId && `tracking id ${d.trackingId} written back to its record`,
  answer_sent: ({ detail: d }) => d.system && d.externalId && `approved answer sent to ${d.system} ${d.externalId}`,
  forward_skipped: ({ detail: d }) =>
    d.reason === 'closed_at_source'
      ? d.source && d.seen && `not forwarded: already ${d.seen} at ${d.source}`
      : d.reason === 'case_already_there' && d.destination && d.seen
        ? `its case is already on ${d.destination}: ${d.seen}`
        : undefined,
  case_merged: ({ detail: d }) =>
    d.by === 'identity' && d.from && d.into
      ? `case ${d.from} is the same complaint as case ${d.into}`
      : d.by === 'resumed' && d.from && d.planned
        ? `finishing the merge of case ${d.from} into ${d.planned}, cut short`
        : undefined,
  case_split: ({ detail: d }) =>
    d.by === 'resumed' && d.from ? `finishing the split of case ${d.from}, cut short` : undefined,
  routed: ({ operator, detail: d }) =>
    operator
      ? `assigned by ${operator}`
      : d.model && d.confidence && d.threshold
        ? `model ${d.model}: ${percent(d.confidence)} sure (threshold ${percent(d.threshold)})`
        : undefined,
  answer_drafted: () => "waiting for the OPD head's approval",
  answer_approved: ({ officer, source }) =>
    officer ? `approved by ${officer}` : source && `published at ${source}: approved without asking a person`,
  answer_edited: () => 'draft text changed before approval',
  raw_text_viewed: () => 'an admin opened the text as its source sent it',
  answers_approved: ({ source, detail: d }) =>
    source &&
    d.answers &&
    `${d.answers} answers from ${source} approved without asking a person (published at their source, or their OPD needs no approval)`,
  quarantine_cleared: ({ source, detail: d }) =>
    source && d.records && `${d.records} quarantined record(s) of ${source} arrived valid`,
  quarantine_replay: ({ detail: d }) =>
    d.source &&
    d.externalId &&
    (d.by === 'refetch'
      ? `record ${d.externalId} of ${d.source} fetched again from its source, now valid`
      : `record ${d.externalId} of ${d.source} passes the current mapping`),
  cursor_reset: ({ detail: d }) =>
    d.source &&
    `${d.source} rejected the pull position; pulling again from the start (the ledger ignores what it holds)`,
  sync_requested: ({ detail: d }) => d.source && `poll of ${d.source} queued from /sync-logs`,
  dlq_retry: ({ detail: d }) => d.key && `${d.key} sent again`,
  triage_reviewed: ({ operator, detail: d }) =>
    operator && d.kind && `${triageWhat(triageEn.kind, d)} reviewed by ${operator}; nothing left to decide`,
  dlq_drop: ({ detail: d }) => d.key && `${d.key} dropped`,
  model_trained: ({ detail: d }) => d.examples && d.opds && `from ${d.examples} complaints, ${d.opds} OPD`,
  user_added: ({ detail: d }) => d.role && `role ${d.role}${d.opd ? ` for ${d.opd}` : ''}`,
  login: ({ detail: d }) => d.address && `from ${d.address}`,
  login_failed: ({ detail: d }) =>
    d.cause === 'disabled' ? 'account disabled' : d.cause && 'wrong user name or password',
  login_refused: () => 'locked after repeated failures',
  logout: () => 'session ended by its user',
  password_reset: () => 'all its sessions ended',
};

/** Why, in one language's sentences where one fits the entry; as recorded otherwise. */
function why(sentences: Sentences, f: AuditFields): string {
  const what = f.what ?? '';
  const said = Object.hasOwn(sentences, what) ? sentences[what]!(factsOf(f)) : undefined;
  return said || (f.why ?? '');
}

/** Who did it: a person by name, a channel, a stage of the daemon; `kind:value` as writers record it. */
type WhoWords = Readonly<Record<string, (value: string) => string>>;

const WHO_ID: WhoWords = {
  ingest: (source) => (source ? `penarikan ${source}` : 'penarikan'),
  intake: (source) => `kiriman ${source}`,
  user: (name) => name,
  officer: (name) => name,
  operator: (name) => name || 'operator',
  address: (address) => `alamat ${address}`,
  worker: (queue) => `pekerja ${queue}`,
  dedup: () => 'deteksi duplikat',
  routing: (how) => (how === 'model' ? 'model rute' : 'rute otomatis'),
  push: () => 'pengiriman',
  'opd-check': () => 'pemeriksaan OPD',
};

const WHO_EN: WhoWords = {
  ingest: (source) => (source ? `pull from ${source}` : 'pull'),
  intake: (source) => `webhook from ${source}`,
  user: (name) => name,
  officer: (name) => name,
  operator: (name) => name || 'operator',
  address: (address) => `address ${address}`,
  worker: (queue) => `worker ${queue}`,
  dedup: () => 'duplicate detection',
  routing: (how) => (how === 'model' ? 'routing model' : 'routing'),
  push: () => 'push',
  'opd-check': () => 'OPD check',
};

function whoIn(words: WhoWords, who: string): string {
  const colon = who.indexOf(':');
  const kind = colon < 0 ? who : who.slice(0, colon);
  return Object.hasOwn(words, kind) ? words[kind]!(colon < 0 ? '' : who.slice(colon + 1)) : who;
}

export const auditId = {
  action: (what: string): string => wordsFor(ACTIONS_ID, what),
  why: (f: AuditFields): string => why(WHY_ID, f),
  who: (who: string): string => whoIn(WHO_ID, who),
};
export const auditEn: typeof auditId = {
  action: (what) => wordsFor(ACTIONS_EN, what),
  why: (f) => why(WHY_EN, f),
  who: (who) => whoIn(WHO_EN, who),
};
