import { z } from 'zod';
import type { Complaint } from '../domain/complaint.js';
import { isWord, normalizeText } from '../text/normalize.js';

/**
 * What dedup keeps of a complaint: its normalized text (masked, so no personal data),
 * the reporter's salted hash, place, category and time. Short keys: one is kept per
 * indexed complaint.
 */
export const dedupDocSchema = z.object({
  id: z.string(),
  /** Source, so two records of one source with the same external id never meet here. */
  s: z.string(),
  t: z.string(),
  r: z.string().optional(),
  desa: z.string().optional(),
  kec: z.string().optional(),
  /** "rt/rw" when the text names them: neighbours are not the same household. */
  rt: z.string().optional(),
  cat: z.string().optional(),
  /** reportedAt, epoch ms. */
  at: z.number(),
  /** The text as delivered fills an SMS to its limit: probably cut, so only its start can be compared. */
  cut: z.literal(true).optional(),
});
export type DedupDoc = z.infer<typeof dedupDocSchema>;

/** Longer texts are compared on their first part: a resend cut to 160 characters is still recognised. */
export const MAX_DOC_TEXT = 600;

function placeName(value: string | undefined): string | undefined {
  const v = value
    ?.toLowerCase()
    .replace(/^(desa|kel\.?|kelurahan|kec\.?|kecamatan)\s+/, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
  return v || undefined;
}

export interface DocInput {
  id: string;
  source: string;
  title?: string | undefined;
  body: string;
  reporterHash?: string | undefined;
  desa?: string | undefined;
  kecamatan?: string | undefined;
  /** The place as one line of text ("Desa Kemiri, Kec. Kunduran"), as LAPOR and Open311 give it. */
  placeText?: string | undefined;
  category?: string | undefined;
  reportedAt: string;
}

/** The place a text names when the record has no place fields: "… desa ngawen kecamatan …". */
function namedIn(text: string, word: 'desa' | 'kelurahan' | 'kecamatan'): string | undefined {
  for (const m of text.matchAll(new RegExp(`\\b${word} (\\p{L}{3,})`, 'gu'))) if (!isWord(m[1]!)) return m[1];
  return undefined;
}

/** Characters of one SMS (GSM-7, UCS-2) and of each part of a long one, where gateways and phones cut. */
const SMS_LIMITS = [160, 70] as const;
const SMS_PARTS = [153, 67] as const;

/** A text exactly as long as an SMS or its parts can be, which is where a channel cuts what is longer. */
export function fillsSms(text: string): boolean {
  const n = text.trim().length;
  return SMS_LIMITS.some((l) => n === l) || SMS_PARTS.some((p) => n > p && n % p === 0);
}

export function dedupDoc(input: DocInput): DedupDoc {
  const text = normalizeText(input.body || input.title || '').slice(0, MAX_DOC_TEXT);
  // The place fields first, then the place line, then what the text itself names.
  const place = input.placeText ? normalizeText(input.placeText) : '';
  const named = (word: 'desa' | 'kelurahan' | 'kecamatan') => namedIn(place, word) ?? namedIn(text, word);
  const desa = placeName(input.desa) ?? named('desa') ?? named('kelurahan');
  const kec = placeName(input.kecamatan) ?? named('kecamatan');
  const rt = /\brt (\d+)(?: rw (\d+))?/.exec(text);
  const cat = input.category?.trim().toLowerCase() || undefined;
  return {
    id: input.id,
    s: input.source,
    t: text,
    ...(input.reporterHash ? { r: input.reporterHash.slice(0, 16) } : {}),
    ...(desa ? { desa } : {}),
    ...(kec ? { kec } : {}),
    ...(rt ? { rt: `${rt[1]}/${rt[2] ?? ''}` } : {}),
    ...(cat ? { cat } : {}),
    at: Date.parse(input.reportedAt) || 0,
    ...(fillsSms(input.body) ? { cut: true as const } : {}),
  };
}

export function dedupDocOf(c: Complaint): DedupDoc {
  return dedupDoc({
    id: c.id,
    source: c.source,
    title: c.title,
    body: c.body,
    reporterHash: c.anonim ? undefined : c.reporter?.hash,
    desa: c.location?.desa,
    kecamatan: c.location?.kecamatan,
    placeText: c.location?.text,
    category: c.category?.name ?? c.category?.id,
    reportedAt: c.reportedAt,
  });
}
