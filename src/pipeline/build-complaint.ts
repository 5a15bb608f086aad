import { contentHashOf, responseId, type Complaint, type ComplaintOpd, type Response } from '../domain/complaint.js';
import type { ComplaintDraft } from '../domain/draft.js';
import type { AuditEntry } from '../store/audit.js';
import type { ComplaintWrite } from '../store/ledger.js';
import { pausesAfter } from '../sla/pauses.js';
import { cleanText } from '../text/normalize.js';
import { reporterIdentity } from './reporter-identity.js';

export interface BuildInput {
  id: string;
  caseId: string;
  source: string;
  draft: ComplaintDraft;
  salt: string;
  now: Date;
  /** The source's OPD value resolved through the directory (resolve-opd.ts). */
  sourceOpd?: ComplaintOpd | undefined;
  /** Where the forward rules send it, should this be its first version. */
  forwardTo?: readonly string[] | undefined;
}

/** Fields the audit entry lists when they change. */
const TRACKED = [
  'status',
  'sourceStatus',
  'pauses',
  'title',
  'body',
  'classification',
  'category',
  'opd',
  'location',
  'anonim',
  'rahasia',
  'responses',
  'attachments',
  'crossRefs',
] as const;

function responsesFrom(id: string, source: string, draft: ComplaintDraft): Response[] {
  return draft.responses.map((r) => ({
    id: responseId(id, source, r.externalId ?? `${r.at}|${r.kind}|${r.text}`),
    source,
    ...(r.externalId ? { externalId: r.externalId } : {}),
    at: r.at,
    ...(r.by ? { by: r.by } : {}),
    text: cleanText(r.text),
    kind: r.kind,
  }));
}

/**
 * An operator's choice stands; otherwise what the source says when the directory knows it;
 * otherwise an earlier rule or model routing; otherwise the source's unknown value (in triage).
 */
function chooseOpd(held: ComplaintOpd | undefined, fromSource: ComplaintOpd | undefined): ComplaintOpd | undefined {
  if (held?.assignedBy === 'operator') return held;
  if (fromSource?.code) return fromSource;
  if (held && held.assignedBy !== 'source') return held;
  return fromSource;
}

/** The forward decision made with the first version, kept with every later one. */
function forwardTo(input: BuildInput, existing: Complaint | undefined): { forwardTo?: string[] } {
  const to = existing ? existing.forwardTo : input.forwardTo;
  return to && to.length > 0 ? { forwardTo: [...to] } : {};
}

/**
 * Decides what one source record does to the ledger: create, update, nothing (a re-delivery
 * of the same content) or nothing because it is older than what we hold (newer wins by the
 * source's own timestamp). Pure: the ledger runs it inside its compare-and-set.
 */
export function buildComplaint(input: BuildInput, existing: Complaint | undefined): ComplaintWrite | null {
  const { draft, source } = input;
  const contentHash = contentHashOf(draft);
  if (existing?.contentHash === contentHash) return null;
  const who = `ingest:${source}`;
  if (existing && Date.parse(draft.updatedAt) < Date.parse(existing.updatedAt)) return null;

  const ownResponses = responsesFrom(input.id, source, draft);
  const otherResponses = existing?.responses.filter((r) => r.source !== source) ?? [];
  const opd = chooseOpd(existing?.opd, input.sourceOpd);
  const reporter = draft.anonim ? undefined : reporterIdentity(draft.reporter, input.salt);
  const status = draft.status ?? existing?.status ?? 'received';
  const pauses = pausesAfter(existing?.pauses ?? [], status, draft.updatedAt);

  const complaint: Complaint = {
    id: input.id,
    caseId: existing?.caseId ?? input.caseId,
    source,
    externalId: draft.externalId,
    crossRefs: draft.crossRefs,
    ...(draft.classification ? { classification: draft.classification } : {}),
    ...(draft.title ? { title: cleanText(draft.title) } : {}),
    body: cleanText(draft.body),
    rawBody: draft.body,
    ...(draft.category ? { category: draft.category } : {}),
    ...(opd ? { opd } : {}),
    ...(draft.location ? { location: draft.location } : {}),
    ...(reporter ? { reporter } : {}),
    anonim: draft.anonim,
    rahasia: draft.rahasia,
    reportedAt: draft.reportedAt,
    receivedAt: existing?.receivedAt ?? input.now.toISOString(),
    updatedAt: draft.updatedAt,
    // An unmapped source status keeps the last known canonical one; the caller files it for triage.
    status,
    ...(draft.sourceStatus ? { sourceStatus: draft.sourceStatus } : {}),
    ...(pauses.length > 0 ? { pauses } : {}),
    responses: [...otherResponses, ...ownResponses].sort((a, b) => a.at.localeCompare(b.at)),
    attachments: draft.attachments,
    ...(draft.historical ? { historical: true } : {}),
    ...forwardTo(input, existing),
    contentHash,
    version: (existing?.version ?? 0) + 1,
  };

  const audit: AuditEntry = existing
    ? {
        who,
        what: 'updated',
        why: `newer version from ${source} (${draft.updatedAt})`,
        detail: { changed: TRACKED.filter((k) => JSON.stringify(existing[k]) !== JSON.stringify(complaint[k])) },
      }
    : { who, what: 'created', why: `first seen on ${source}` };
  return { complaint, audit };
}
