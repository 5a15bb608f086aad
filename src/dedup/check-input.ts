import { createHmac } from 'node:crypto';
import { z } from 'zod';
import type { ComplaintDraft } from '../domain/draft.js';
import { dedupDoc, type DedupDoc } from './doc.js';

/** The salt of an offline check: reporters are compared within the file, never with the ledger. */
const OFFLINE_SALT = 'dedup-check';

/** One line of a JSONL file for `dedup-check`: only an id, the text and the report time are needed. */
export const checkLineSchema = z.object({
  id: z.union([z.string().min(1), z.number()]).transform(String),
  source: z.string().optional(),
  title: z.string().optional(),
  text: z.string().optional(),
  body: z.string().optional(),
  /** Phone, NIK, e-mail or name: hashed here, never printed. */
  reporter: z.string().optional(),
  desa: z.string().optional(),
  kecamatan: z.string().optional(),
  category: z.string().optional(),
  reportedAt: z.string().refine((s) => !Number.isNaN(Date.parse(s)), 'not a date-time'),
});

/** As the ingest stage keys a reporter: a phone by its digits (+62 → 0), anything else lower-cased. */
function reporterHash(value: string | undefined): string | undefined {
  const v = value?.trim().toLowerCase();
  if (!v) return undefined;
  const key = /^[+\d\s().-]+$/.test(v) ? v.replace(/\D/g, '').replace(/^62/, '0') : v.replace(/\s+/g, ' ');
  return createHmac('sha256', OFFLINE_SALT).update(key).digest('hex').slice(0, 32);
}

export function docFromLine(raw: unknown): { doc: DedupDoc } | { error: string } {
  const parsed = checkLineSchema.safeParse(raw);
  if (!parsed.success)
    return { error: parsed.error.issues.map((i) => `${i.path.join('.') || '(line)'}: ${i.message}`).join('; ') };
  const l = parsed.data;
  return {
    doc: dedupDoc({
      id: l.id,
      source: l.source ?? 'file',
      title: l.title,
      body: l.text ?? l.body ?? '',
      reporterHash: reporterHash(l.reporter),
      desa: l.desa,
      kecamatan: l.kecamatan,
      category: l.category,
      reportedAt: l.reportedAt,
    }),
  };
}

export function docFromDraft(source: string, draft: ComplaintDraft): DedupDoc {
  return dedupDoc({
    id: `${source}:${draft.externalId}`,
    source,
    title: draft.title,
    body: draft.body,
    // The ingest stage's order of identity: NIK, phone, e-mail, name.
    reporterHash: draft.anonim
      ? undefined
      : reporterHash(draft.reporter?.nik || draft.reporter?.phone || draft.reporter?.email || draft.reporter?.name),
    desa: draft.location?.desa,
    kecamatan: draft.location?.kecamatan,
    category: draft.category?.name ?? draft.category?.id,
    reportedAt: draft.reportedAt,
  });
}
