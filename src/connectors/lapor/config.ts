import { z } from 'zod';
import { ERROR_CODES } from '../../domain/failures.js';
import { sourceBaseSchema } from '../types.js';
import { CLASSIFICATIONS, STATUSES, type Classification, type Status } from '../../domain/status.js';
import { mergeTable } from './labels.js';
import { said } from '../../i18n/schema-text.js';

/**
 * Configuration of a LAPOR source. Every default is the documented default contract
 * (readme.md); a deployment re-points paths, auth, parameter and field names here when it
 * receives the real integration documentation. Field names are dot paths into JSON.
 */
const path = z.string().regex(
  /^[\w$-]+(\.[\w$-]+)*$/,
  said((t) => t.fieldPath),
);

function endpoint(method: 'GET' | 'POST', urlPath: string) {
  return z
    .strictObject({
      method: z.enum(['GET', 'POST']).default(method),
      path: z
        .string()
        .startsWith(
          '/',
          said((t) => t.slashFirst),
        )
        .default(urlPath),
    })
    .prefault({});
}

/** Names that must exist (`required`) and names a deployment may switch off with null (`optional`). */
function names<R extends string, O extends string>(
  required: Record<R, string>,
  optional: Record<O, string | null> = {} as Record<O, string | null>,
) {
  const shape: Record<string, z.ZodType> = {};
  for (const [k, v] of Object.entries<string>(required)) shape[k] = path.default(v);
  for (const [k, v] of Object.entries<string | null>(optional)) shape[k] = path.nullable().default(v);
  // A generic shape defeats zod's inference; the cast states the type it has (optional in, complete out).
  return z.strictObject(shape).prefault({}) as unknown as z.ZodDefault<
    z.ZodType<Record<R, string> & Record<O, string | null>, Partial<Record<R, string> & Record<O, string | null>>>
  >;
}

export const DEFAULT_STATUS_MAP: Readonly<Record<string, Status>> = {
  'belum diverifikasi': 'received',
  terverifikasi: 'verified',
  terdisposisi: 'disposed',
  diproses: 'in_progress',
  tunda: 'postponed',
  'bukan wewenang': 'not_authority',
  ditindaklanjuti: 'responded',
  selesai: 'closed',
  diarsipkan: 'archived',
  ditolak: 'rejected',
};

export const DEFAULT_CLASSIFICATION_MAP: Readonly<Record<string, Classification>> = {
  pengaduan: 'pengaduan',
  aspirasi: 'aspirasi',
  'permintaan informasi': 'permintaan_informasi',
};

export const TIMELINE_KINDS = ['tindak_lanjut', 'comment', 'status_note'] as const;
export type TimelineKind = (typeof TIMELINE_KINDS)[number];

export const DEFAULT_TIMELINE_KINDS: Readonly<Record<string, TimelineKind>> = {
  tindak_lanjut: 'tindak_lanjut',
  komentar: 'comment',
  balasan_pelapor: 'comment',
  status: 'status_note',
};

/** LAPOR often answers errors as {"status":false,"message":"…"}; these patterns give such a message its code. First match wins. */
export const DEFAULT_BODY_ERRORS = [
  { match: 'token|unauthori[sz]ed|forbidden|tidak berhak|akses ditolak|tidak sesuai dengan token', code: 'AUTH' },
  { match: 'too many|terlalu banyak', code: 'RATE_LIMITED' },
  { match: 'tidak ditemukan|not found', code: 'NOT_FOUND' },
  {
    match:
      'sudah selesai|sudah ditutup|tidak dapat ditindaklanjuti|tidak lagi terdisposisi|sudah ada|duplikat|duplicate',
    code: 'CONFLICT',
  },
  { match: 'wajib|harus|tidak valid|tidak dikenal|invalid|required|minimal|maksimal', code: 'INVALID_PAYLOAD' },
] as const;

const regex = z.string().refine(
  (s) => {
    try {
      new RegExp(s, 'i');
      return true;
    } catch {
      return false;
    }
  },
  said((t) => t.regex),
);

export const laporConfigSchema = sourceBaseSchema.extend({
  kind: z.literal('lapor'),
  baseUrl: z.url({ protocol: /^https?$/ }).transform((u) => u.replace(/\/+$/, '')),
  /** Name of the environment variable that holds the token (never the token itself). */
  tokenEnv: z
    .string()
    .regex(
      /^[A-Z_][A-Z0-9_]*$/,
      said((t) => t.envName),
    )
    .default('LAPOR_TOKEN'),
  instansiId: z.string().min(1),
  auth: z
    .strictObject({
      style: z.enum(['header', 'bearer', 'keytoken']).default('header'),
      headerName: z.string().min(1).default('X-Lapor-Token'),
      paramName: z.string().min(1).default('KEYTOKEN'),
    })
    .prefault({}),
  /** How POST bodies are sent. */
  bodyEncoding: z.enum(['json', 'form']).default('json'),
  timestamps: z
    .strictObject({
      /** Applied to timestamps that carry no offset ("2024-03-05 09:12:33"). */
      offset: z
        .string()
        .regex(
          /^[+-]\d{2}:\d{2}$/,
          said((t) => t.offset),
        )
        .default('+07:00'),
      /** How we send times: iso (with offset) or local ("YYYY-MM-DD HH:mm:ss" in `offset`). */
      send: z.enum(['iso', 'local']).default('iso'),
    })
    .prefault({}),
  endpoints: z
    .strictObject({
      topics: endpoint('GET', '/api/v1/topics'),
      list: endpoint('GET', '/api/v1/instansi/{instansiId}/laporan'),
      detail: endpoint('GET', '/api/v1/laporan/{trackingId}'),
      create: endpoint('POST', '/api/v1/laporan'),
      /** null when the API has no look-up by client reference (then only the create call's own idempotency protects). */
      findByRef: endpoint('GET', '/api/v1/laporan/ref/{clientRef}').nullable(),
      followUp: endpoint('POST', '/api/v1/laporan/{trackingId}/tindak-lanjut'),
    })
    .prefault({}),
  /** Request parameter names; null = not sent (e.g. because the value is in the path). */
  params: names(
    { limit: 'limit' },
    { since: 'since', sinceId: 'since_id', instansiId: null, trackingId: null, clientRef: null },
  ),
  /** Where things are in response bodies. */
  response: names(
    { topics: 'data', items: 'data.items', record: 'data', createdTrackingId: 'data.tracking_id' },
    {
      ok: 'status',
      message: 'message',
      hasMore: 'data.has_more',
      createdTransaksiId: 'data.transaksi_id',
      followUpId: 'data.tindak_lanjut_id',
      duplicate: 'data.duplicate',
    },
  ),
  fields: z
    .strictObject({
      report: names(
        {
          trackingId: 'tracking_id',
          lastActivityAt: 'last_activity_at',
          createdAt: 'created_at',
          body: 'isi',
          anonim: 'anonim',
          rahasia: 'rahasia',
        },
        {
          title: 'judul',
          classification: 'klasifikasi',
          categoryId: 'topic_id',
          categoryName: 'topic_name',
          location: 'lokasi',
          status: 'status',
          unitId: null,
          unitName: 'unit_nama',
          reporterName: 'pelapor.nama',
          reporterPhone: 'pelapor.telp',
          reporterEmail: 'pelapor.email',
          reporterNik: 'pelapor.nik',
          attachments: 'lampiran',
          timeline: 'tracking',
        },
      ),
      timeline: names(
        { at: 'tracking_at', note: 'tracking_note' },
        { id: 'id', type: 'tracking_type', by: 'tracking_by' },
      ),
      topic: names({ id: 'id', parent: 'parent', name: 'topic_name' }),
    })
    .prefault({}),
  /** Field names of what we send. */
  outbound: z
    .strictObject({
      create: names(
        { body: 'isi' },
        {
          clientRef: 'client_ref',
          title: 'judul',
          classification: 'klasifikasi',
          categoryId: 'topic_id',
          location: 'lokasi',
          anonim: 'anonim',
          rahasia: 'rahasia',
          reportedAt: 'tanggal',
          reporterName: 'pelapor.nama',
          reporterPhone: 'pelapor.telp',
          reporterEmail: 'pelapor.email',
          attachments: 'lampiran',
        },
      ),
      followUp: names({ text: 'isi' }, { clientRef: 'client_ref', by: 'oleh', at: 'tanggal' }),
      /** boolean: true/false; digit: "1"/"0". */
      flags: z.enum(['boolean', 'digit']).default('boolean'),
    })
    .prefault({}),
  pageSize: z.number().int().min(1).max(1000).default(50),
  /** A new pull run starts this far before the last position, to catch late-visible changes. */
  lookBackSeconds: z
    .number()
    .int()
    .min(0)
    .max(7 * 86_400)
    .default(300),
  /** Where the very first pull starts; absent = from the beginning. */
  initialSince: z.iso.datetime({ offset: true }).optional(),
  /** true when list items are summaries: each report's detail is fetched. */
  fetchDetail: z.boolean().default(false),
  timeoutMs: z.number().int().min(100).max(300_000).default(15_000),
  /** An answer larger than this is refused (INVALID_PAYLOAD, not retried). */
  maxResponseBytes: z
    .number()
    .int()
    .min(64 * 1024)
    .max(512 * 1024 * 1024)
    .default(20 * 1024 * 1024),
  retryAfter: z
    .strictObject({
      /** How often one request may wait out a 429/503 Retry-After itself... */
      attempts: z.number().int().min(0).max(10).default(2),
      /** ...and only for waits up to this long; longer ones go back to the queue. */
      maxMs: z.number().int().min(0).max(600_000).default(30_000),
    })
    .prefault({}),
  /** LAPOR status label → canonical status, merged over the defaults; null unmaps a label. */
  statusMap: z
    .record(z.string(), z.enum(STATUSES).nullable())
    .default({})
    .transform((m) => mergeTable(DEFAULT_STATUS_MAP, m)),
  classificationMap: z
    .record(z.string(), z.enum(CLASSIFICATIONS).nullable())
    .default({})
    .transform((m) => mergeTable(DEFAULT_CLASSIFICATION_MAP, m)),
  timelineKinds: z
    .record(z.string(), z.enum(TIMELINE_KINDS).nullable())
    .default({})
    .transform((m) => mergeTable(DEFAULT_TIMELINE_KINDS, m)),
  /** Replaces the default table when given. */
  bodyErrors: z
    .array(z.strictObject({ match: regex, code: z.enum(ERROR_CODES) }))
    .default(DEFAULT_BODY_ERRORS.map((e) => ({ ...e }))),
});

export type LaporConfig = z.infer<typeof laporConfigSchema>;
export type LaporConfigInput = z.input<typeof laporConfigSchema>;
export type EndpointName = keyof LaporConfig['endpoints'];
