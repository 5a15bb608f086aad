import { createHmac } from 'node:crypto';
import { maskPhone } from '../domain/mask.js';
import type { ComplaintDraft } from '../domain/draft.js';

/**
 * A reporter becomes a salted hash (to recognise the same person across channels without
 * storing who they are) and a masked display for operators: initials and a masked phone.
 */
export function reporterIdentity(
  reporter: ComplaintDraft['reporter'],
  salt: string,
): { hash: string; display: string } | undefined {
  if (!reporter) return undefined;
  const phone = reporter.phone?.replace(/\D/g, '').replace(/^62/, '0');
  const key =
    reporter.nik?.replace(/\D/g, '') ||
    phone ||
    reporter.email?.trim().toLowerCase() ||
    reporter.name?.trim().toLowerCase();
  if (!key) return undefined;
  const initials = (reporter.name ?? '')
    .split(/\s+/)
    .filter(Boolean)
    .map((w) => `${w[0]!.toUpperCase()}.`)
    .join(' ');
  const display = [initials, phone ? maskPhone(phone) : ''].filter(Boolean).join(' · ') || '(tanpa nama)';
  return { hash: createHmac('sha256', salt).update(key).digest('hex').slice(0, 32), display };
}
