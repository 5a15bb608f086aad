import { complaintDraftSchema, type ComplaintDraftInput, type ResponseDraft } from '../../domain/draft.js';
import type { PulledRecord } from '../types.js';
import { getFirst, type DotPaths } from '../common/dot-path.js';
import { textProblem } from '../common/text-check.js';
import { parseTimestamp, type TimestampOptions } from '../common/timestamp.js';
import { toCoordinate, toFlag, toId, toLabel, toText, toUrls } from '../common/values.js';
import type { RecordRules } from '../common/record-rules.js';
import type { FieldsConfig } from './config-fields.js';
import type { ResolvedStatus } from './status.js';

/**
 * Raw record → ComplaintDraft through the configured field paths. Strict on identity
 * (id, text, times, privacy flags), lenient on the rest: an unusable optional value is
 * left out. A failure returns the raw record with a reason, never throws.
 */
export interface MapContext {
  fields: FieldsConfig;
  rules: RecordRules;
  now: Date;
  status(raw: unknown): ResolvedStatus;
}

class Rejected extends Error {}

function describe(value: unknown): string {
  return Array.isArray(value) ? 'a list' : value === null ? 'null' : typeof value;
}

function compact<T extends Record<string, unknown>>(obj: T): T | undefined {
  const entries = Object.entries(obj).filter(([, v]) => v !== undefined);
  return entries.length === 0 ? undefined : (Object.fromEntries(entries) as T);
}

function flag(raw: unknown, paths: DotPaths | undefined, name: string): boolean {
  const value = getFirst(raw, paths);
  const parsed = toFlag(value);
  // Guessing "not confidential" could publish a confidential report: refuse instead.
  if (parsed === undefined) throw new Rejected(`${name} flag not understood: ${JSON.stringify(value).slice(0, 40)}`);
  return parsed;
}

function responsesOf(raw: unknown, fields: FieldsConfig, ts: TimestampOptions): ResponseDraft[] {
  const out: ResponseDraft[] = [];
  for (const source of fields.responses) {
    const list = getFirst(raw, source.path);
    if (!Array.isArray(list)) continue;
    for (const item of list) {
      const text = toText(getFirst(item, source.text));
      const at = parseTimestamp(getFirst(item, source.at), ts);
      // An entry without text or time cannot be ordered or shown; the raw record still has it.
      if (text === undefined || text.trim() === '' || !at.ok) continue;
      out.push({
        externalId: toId(getFirst(item, source.id)),
        at: at.iso,
        by: toLabel(getFirst(item, source.by)),
        text,
        kind: source.kind,
      });
    }
  }
  return out.map((r) => compact(r) as ResponseDraft);
}

function crossRefsOf(raw: unknown, fields: FieldsConfig): { system: string; externalId: string }[] {
  const refs: { system: string; externalId: string }[] = [];
  for (const ref of fields.crossRefs) {
    const value = toId(getFirst(raw, ref.path))?.replace(/\s+/g, '').replace(/^#/, '');
    if (!value || (ref.pattern && !new RegExp(ref.pattern).test(value))) continue;
    refs.push({ system: ref.system, externalId: value });
  }
  return refs;
}

function locationOf(raw: unknown, fields: FieldsConfig): ComplaintDraftInput['location'] {
  const l = fields.location;
  if (!l) return undefined;
  let lat = toCoordinate(getFirst(raw, l.lat), 90);
  let lon = toCoordinate(getFirst(raw, l.lon), 180);
  // 0,0 is what a form sends when the phone had no fix; half a coordinate is no position.
  if (lat === undefined || lon === undefined || (lat === 0 && lon === 0)) [lat, lon] = [undefined, undefined];
  return compact({
    text: toLabel(getFirst(raw, l.text)),
    desa: toLabel(getFirst(raw, l.desa)),
    kecamatan: toLabel(getFirst(raw, l.kecamatan)),
    kabupaten: toLabel(getFirst(raw, l.kabupaten)),
    lat,
    lon,
  });
}

function timestamp(raw: unknown, paths: DotPaths, name: string, ts: TimestampOptions): string {
  const parsed = parseTimestamp(getFirst(raw, paths), ts);
  if (!parsed.ok) throw new Rejected(`${name}: ${parsed.reason}`);
  return parsed.iso;
}

export function mapRecord(raw: unknown, ctx: MapContext): PulledRecord {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw))
    return { ok: false, raw, reason: `unknown shape: expected an object, got ${describe(raw)}` };
  const { fields, rules } = ctx;
  const externalId = toId(getFirst(raw, fields.id));
  if (externalId === undefined) return { ok: false, raw, reason: `missing id (${String(fields.id)})` };
  try {
    const body = toText(getFirst(raw, fields.text));
    if (body === undefined) throw new Rejected('missing text');
    const problem = textProblem(body, rules.maxTextLength);
    if (problem) throw new Rejected(problem);
    const ts: TimestampOptions = { defaultOffset: rules.defaultOffset, dayFirst: rules.dayFirst, now: ctx.now };
    const reportedAt = timestamp(raw, fields.reportedAt, 'reportedAt', ts);
    const updatedAt =
      fields.updatedAt && getFirst(raw, fields.updatedAt) !== undefined
        ? timestamp(raw, fields.updatedAt, 'updatedAt', ts)
        : reportedAt;
    const classification = fields.classification
      ? (fields.classification.map[toLabel(getFirst(raw, fields.classification.path)) ?? ''] ??
        fields.classification.default)
      : undefined;
    const input: ComplaintDraftInput = {
      externalId,
      crossRefs: crossRefsOf(raw, fields),
      classification,
      title: toLabel(getFirst(raw, fields.title)),
      body,
      category:
        fields.category &&
        compact({ id: toId(getFirst(raw, fields.category.id)), name: toLabel(getFirst(raw, fields.category.name)) }),
      opd:
        fields.opd &&
        compact({ id: toId(getFirst(raw, fields.opd.id)), name: toLabel(getFirst(raw, fields.opd.name)) }),
      location: locationOf(raw, fields),
      reporter:
        fields.reporter &&
        compact({
          name: toLabel(getFirst(raw, fields.reporter.name)),
          phone: toLabel(getFirst(raw, fields.reporter.phone)),
          email: toLabel(getFirst(raw, fields.reporter.email)),
          nik: toLabel(getFirst(raw, fields.reporter.nik)),
          address: toLabel(getFirst(raw, fields.reporter.address)),
        }),
      rahasia: flag(raw, fields.secret, 'secret'),
      anonim: flag(raw, fields.anonymous, 'anonymous'),
      reportedAt,
      updatedAt: updatedAt < reportedAt ? reportedAt : updatedAt,
      ...ctx.status(raw),
      responses: responsesOf(raw, fields, ts),
      attachments: [...new Set(fields.attachments.flatMap((a) => toUrls(getFirst(raw, a.path), a.item)))],
    };
    const parsed = complaintDraftSchema.safeParse(compact(input as Record<string, unknown>));
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      return {
        ok: false,
        externalId,
        raw,
        reason: `draft invalid at ${issue?.path.join('.') ?? '?'}: ${issue?.message ?? 'invalid'}`,
      };
    }
    return { ok: true, externalId, raw, draft: parsed.data };
  } catch (err) {
    if (err instanceof Rejected) return { ok: false, externalId, raw, reason: err.message };
    throw err;
  }
}
