import type { z } from 'zod';
import { complaintDraftSchema, type ComplaintDraftInput, type ResponseDraft } from '../../domain/draft.js';
import type { PulledRecord } from '../types.js';
import type { LaporConfig, TimelineKind } from './config.js';
import { normalizeLabel } from './labels.js';
import { pick } from './paths.js';
import { readPosition, readRecord } from './read-record.js';
import { positionSchema, recordSchema, type LaporRecord } from './schema.js';

/** Where a record sits in the list order: (last activity, tracking id). */
export interface Position {
  t: number;
  id: string;
}

export interface Mapper {
  /** Validates and maps one wire record; a failure keeps the raw record and says why. */
  map(raw: unknown): PulledRecord;
  /** The record's list position when at least its id and activity time are readable. */
  position(raw: unknown): Position | undefined;
}

/** The configured field paths as [name, path] pairs, listed once per mapper rather than once per record. */
interface FieldPaths {
  report: [string, string | null][];
  timeline: [string, string | null][];
}

function fieldPaths(fields: LaporConfig['fields']): FieldPaths {
  return { report: Object.entries(fields.report), timeline: Object.entries(fields.timeline) };
}

/** Picks the configured fields out of a wire record into the names schema.ts validates. */
function extract(raw: unknown, paths: FieldPaths): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, path] of paths.report) out[name] = pick(raw, path);
  const timeline = out.timeline;
  if (Array.isArray(timeline)) {
    out.timeline = timeline.map((entry: unknown) => {
      const picked: Record<string, unknown> = {};
      for (const [name, path] of paths.timeline) picked[name] = pick(entry, path);
      return picked;
    });
  }
  return out;
}

function describe(error: z.ZodError, config: LaporConfig): string {
  return error.issues
    .slice(0, 3)
    .map((issue) => {
      const [head, index, sub] = issue.path.map(String);
      const field =
        head === 'timeline' && sub
          ? `${config.fields.report.timeline}[${index}].${config.fields.timeline[sub as keyof LaporConfig['fields']['timeline']] ?? sub}`
          : (config.fields.report[head as keyof LaporConfig['fields']['report']] ?? head ?? '(record)');
      return `${field} ${issue.message}`;
    })
    .join('; ');
}

function resolveUrl(url: string, baseUrl: string): string | undefined {
  try {
    const u = new URL(url, `${baseUrl}/`);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.toString() : undefined;
  } catch {
    return undefined;
  }
}

function timelineKind(type: string | undefined, table: Readonly<Record<string, TimelineKind>>): TimelineKind {
  // An entry without a known type is kept as a status note: it is never mistaken for an answer.
  return (type && table[normalizeLabel(type)]) || 'status_note';
}

/** The canonical draft of a validated record; the caller parses it with the domain schema. */
export function toDraft(r: LaporRecord, config: LaporConfig): ComplaintDraftInput {
  const status = r.status ? config.statusMap[normalizeLabel(r.status)] : undefined;
  const classification = r.classification ? config.classificationMap[normalizeLabel(r.classification)] : undefined;
  const responses: ResponseDraft[] = r.timeline.map((e) => ({
    ...(e.id ? { externalId: e.id } : {}),
    at: new Date(e.at).toISOString(),
    ...(e.by ? { by: e.by } : {}),
    text: e.note,
    kind: timelineKind(e.type, config.timelineKinds),
  }));
  const reporter = { name: r.reporterName, phone: r.reporterPhone, email: r.reporterEmail, nik: r.reporterNik };
  const hasReporter = Object.values(reporter).some((v) => v !== undefined);
  return {
    externalId: r.trackingId,
    crossRefs: [],
    classification,
    title: r.title,
    body: r.body,
    category: r.categoryId || r.categoryName ? { id: r.categoryId, name: r.categoryName } : undefined,
    opd: r.unitId || r.unitName ? { id: r.unitId, name: r.unitName } : undefined,
    location: r.location ? { text: r.location } : undefined,
    reporter: hasReporter ? reporter : undefined,
    anonim: r.anonim,
    rahasia: r.rahasia,
    reportedAt: new Date(r.createdAt).toISOString(),
    updatedAt: new Date(r.lastActivityAt).toISOString(),
    sourceStatus: r.status,
    status,
    responses,
    attachments: r.attachments.map((a) => resolveUrl(a, config.baseUrl)).filter((a): a is string => a !== undefined),
  };
}

export function createMapper(config: LaporConfig): Mapper {
  const offset = config.timestamps.offset;
  const record = recordSchema(offset);
  const positionOnly = positionSchema(offset);
  const paths = fieldPaths(config.fields);
  return {
    position(raw) {
      const trackingId = pick(raw, config.fields.report.trackingId);
      const lastActivityAt = pick(raw, config.fields.report.lastActivityAt);
      const read = readPosition(trackingId, lastActivityAt, offset);
      if (read) return read;
      const p = positionOnly.safeParse({ trackingId, lastActivityAt });
      return p.success ? { t: p.data.lastActivityAt, id: p.data.trackingId } : undefined;
    },
    map(raw) {
      const id = pick(raw, config.fields.report.trackingId);
      const externalId =
        typeof id === 'string' && id.trim() !== ''
          ? id.trim()
          : typeof id === 'number' && Number.isSafeInteger(id)
            ? String(id)
            : undefined;
      const picked = extract(raw, paths);
      const read = readRecord(picked, offset);
      const parsed = read ? ({ success: true, data: read } as const) : record.safeParse(picked);
      if (!parsed.success)
        return {
          ok: false,
          raw,
          reason: `LAPOR record failed validation: ${describe(parsed.error, config)}`,
          ...(externalId ? { externalId } : {}),
        };
      // The domain schema is the contract with the pipeline: parsing guarantees its defaults and formats.
      const draft = complaintDraftSchema.safeParse(toDraft(parsed.data, config));
      if (!draft.success)
        return {
          ok: false,
          raw,
          externalId: parsed.data.trackingId,
          reason: `LAPOR record does not fit a complaint draft: ${draft.error.issues[0]?.path.join('.')} ${draft.error.issues[0]?.message}`,
        };
      return { ok: true, externalId: parsed.data.trackingId, raw, draft: draft.data };
    },
  };
}
