import { createHmac } from 'node:crypto';
import { maskPhone } from '../domain/mask.js';
import type { ComplaintDraft } from '../domain/draft.js';

/**
 * What channels fill in where a citizen gave no name: a placeholder names nobody, and two
 * complaints that carry it are not "the same reporter".
 */
const PLACEHOLDER_NAMES = new Set([
  'anonim',
  'anonymous',
  'tanpa nama',
  'hamba allah',
  'warga',
  'masyarakat',
  'pelapor',
  'nn',
  'n/a',
  'na',
  'tidak ada',
  '-',
]);

function realName(name: string | undefined): string | undefined {
  const n = name?.trim().toLowerCase().replace(/\s+/g, ' ');
  return n && !PLACEHOLDER_NAMES.has(n) && /\p{L}/u.test(n) ? n : undefined;
}

/** A phone number written as digits from 0, or undefined when it is a placeholder (too short, or 0/08 then one digit repeated). */
function realPhone(phone: string | undefined): string | undefined {
  const p = phone?.replace(/\D/g, '').replace(/^62/, '0');
  return p && p.length >= 8 && !/^0?8?(\d)\1+$/.test(p) ? p : undefined;
}

/** A NIK is 16 digits; zeros or one repeated digit are what a form takes when none was given. */
function realNik(nik: string | undefined): string | undefined {
  const n = nik?.replace(/\D/g, '');
  return n && n.length === 16 && !/^(\d)\1+$/.test(n) ? n : undefined;
}

/**
 * A reporter becomes a salted hash (to recognise the same person across channels without
 * storing who they are) and a masked display for operators: initials and a masked phone.
 * Placeholders ("Anonim", "0000000000") identify no one.
 */
export function reporterIdentity(
  reporter: ComplaintDraft['reporter'],
  salt: string,
): { hash: string; display: string } | undefined {
  if (!reporter) return undefined;
  const phone = realPhone(reporter.phone);
  const name = realName(reporter.name);
  const key = realNik(reporter.nik) || phone || reporter.email?.trim().toLowerCase() || name;
  if (!key) return undefined;
  const initials = (name ? reporter.name! : '')
    .split(/\s+/)
    .filter(Boolean)
    .map((w) => `${w[0]!.toUpperCase()}.`)
    .join(' ');
  const display = [initials, phone ? maskPhone(phone) : ''].filter(Boolean).join(' · ') || '(tanpa nama)';
  return { hash: createHmac('sha256', salt).update(key).digest('hex').slice(0, 32), display };
}
