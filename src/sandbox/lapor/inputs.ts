import { z } from 'zod';
import { CLASSIFICATION_LABELS } from './model.js';

/** What the integration endpoints accept: JSON or form fields, where every value may arrive as a string. */
const flag = z
  .union([z.boolean(), z.literal(0), z.literal(1), z.enum(['0', '1', 'true', 'false'])])
  .transform((v) => v === true || v === 1 || v === '1' || v === 'true');

const optionalText = z.string().trim().optional();

function dropNulls(value: unknown): unknown {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return value;
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== null && v !== ''));
}

export const createInputSchema = z.preprocess(
  dropNulls,
  z.object({
    client_ref: z.string().trim().min(1).max(100).optional(),
    judul: z.string().trim().max(200).optional(),
    isi: z.string().trim().min(10, 'isi laporan minimal 10 karakter'),
    klasifikasi: z.enum(
      CLASSIFICATION_LABELS,
      'klasifikasi harus salah satu dari: pengaduan, aspirasi, permintaan informasi',
    ),
    topic_id: z.union([z.string(), z.number()]).transform(String).optional(),
    lokasi: optionalText,
    anonim: flag.default(false),
    rahasia: flag.default(false),
    tanggal: optionalText,
    pelapor: z
      .preprocess(dropNulls, z.object({ nama: optionalText, telp: optionalText, email: optionalText }))
      .optional(),
    pelapor_nama: optionalText,
    pelapor_telp: optionalText,
    pelapor_email: optionalText,
    lampiran: z.union([z.array(z.url()), z.url().transform((u) => [u])]).default([]),
  }),
);

export const followUpInputSchema = z.preprocess(
  dropNulls,
  z.object({
    client_ref: z.string().trim().min(1).max(100).optional(),
    isi: z.string().trim().min(1, 'isi tindak lanjut wajib diisi'),
    oleh: optionalText,
    tanggal: optionalText,
  }),
);

export const listInputSchema = z.object({
  since: z.string().optional(),
  since_id: z.string().regex(/^\d+$/, 'since_id harus berupa angka').optional(),
  limit: z.coerce.number().int().min(1, 'limit minimal 1').optional(),
});

export function firstIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'parameter tidak valid';
  const at = issue.path.join('.');
  return at ? `${at}: ${issue.message}` : issue.message;
}
