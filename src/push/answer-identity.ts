import { hash } from 'node:crypto';
import type { Complaint } from '../domain/complaint.js';
import { cleanText } from '../text/normalize.js';
import type { OpdResponse } from '../store/responses.js';
import type { Target } from '../domain/push-job.js';

/**
 * One identity for an answer across every system it touches. A record is named the same
 * way everywhere: (system, the record's own id there), the kind of id a push target uses.
 * This is the one rule for "is this answer already on that record?"; every destination
 * kind (LAPOR, the REST presets, Open311) goes through it.
 */

/** Text as both sides see it after cleaning: markup, whitespace and case do not make a new answer. */
export function answerTextKey(text: string): string {
  return hash('sha256', cleanText(text).replace(/\s+/g, ' ').trim().toLowerCase(), 'hex').slice(0, 24);
}

/** The record an answer was pulled from: it is never sent back there. */
export function isOrigin(response: Pick<OpdResponse, 'origin'>, target: Target): boolean {
  return (
    response.origin !== undefined &&
    response.origin.source === target.system &&
    response.origin.externalId === target.externalId
  );
}

function sameOpd(a: string | undefined, b: string | undefined): boolean {
  if (a === undefined || b === undefined) return true;
  const x = a.trim().toLowerCase();
  const y = b.trim().toLowerCase();
  return x === y || x.includes(`(${y})`) || y.includes(`(${x})`) || x.includes(y) || y.includes(x);
}

/**
 * Whether a record, as the bridge last pulled it, already shows this answer: an answer
 * entry with the same text from the same OPD (or one that names none). Returns the
 * entry's id there (or a stand-in) when it does.
 */
export function shownOn(
  answer: { text: string; opd?: string },
  record: Pick<Complaint, 'responses' | 'source' | 'externalId'> | undefined,
): string | undefined {
  if (!record) return undefined;
  const key = answerTextKey(answer.text);
  const found = record.responses.find(
    (r) => r.kind === 'tindak_lanjut' && answerTextKey(r.text) === key && sameOpd(r.by, answer.opd),
  );
  return found ? (found.externalId ?? found.id) : undefined;
}
