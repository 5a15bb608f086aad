import { complaintDraftSchema, type ComplaintDraftInput } from '../../domain/draft.js';
import type { Status } from '../../domain/status.js';
import type { PulledRecord } from '../types.js';
import { parseTimestamp, type ParsedTimestamp, type TimestampOptions } from '../common/timestamp.js';
import { textProblem } from '../common/text-check.js';
import { toFlag, toId, toLabel } from '../common/values.js';
import type { ColumnIndex } from './columns.js';
import type { ColumnKey, FileImportConfig } from './config.js';
import type { Cell } from './rows.js';

export interface RowContext {
  config: FileImportConfig;
  columns: ColumnIndex;
  header: readonly string[];
  now: Date;
  status(value: string | undefined): Status | undefined;
}

/** Excel keeps dates as days since 1899-12-30; these bounds cover 1954–2119. */
const EXCEL_SERIAL = { min: 20_000, max: 80_000, epochOffsetDays: 25_569 };
/** Placeholders people type into an empty reply cell. */
const NO_REPLY = new Set(['', '-', '--', 'belum', 'belum ada', 'n/a', 'na', 'tidak ada']);

const pad = (n: number) => String(n).padStart(2, '0');

/** XLSX dates are wall-clock times stored as if UTC; re-read them as local time in the configured offset. */
function wallClock(date: Date): string {
  return `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())} ${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())}`;
}

function timeOf(cell: Cell | undefined, ts: TimestampOptions): ParsedTimestamp {
  if (cell instanceof Date) return parseTimestamp(wallClock(cell), ts);
  if (typeof cell === 'number' && cell >= EXCEL_SERIAL.min && cell <= EXCEL_SERIAL.max) {
    return parseTimestamp(wallClock(new Date(Math.round((cell - EXCEL_SERIAL.epochOffsetDays) * 86_400_000))), ts);
  }
  return parseTimestamp(typeof cell === 'string' ? cell.trim() : cell, ts);
}

/** The row as an object of header → value: what the quarantine keeps and an operator reads. */
export function rowObject(row: readonly Cell[], header: readonly string[], rowNumber: number): Record<string, unknown> {
  const out: Record<string, unknown> = { _row: rowNumber };
  header.forEach((h, i) => {
    const value = row[i];
    if (value !== undefined && value !== null && value !== '') out[h || `column ${i + 1}`] = value instanceof Date ? wallClock(value) : value;
  });
  return out;
}

export function mapRow(row: readonly Cell[], rowNumber: number, ctx: RowContext): PulledRecord {
  const raw = rowObject(row, ctx.header, rowNumber);
  const cell = (key: ColumnKey): Cell | undefined => (ctx.columns[key] === undefined ? undefined : row[ctx.columns[key]!]);
  const label = (key: ColumnKey) => toLabel(cell(key));
  const externalId = toId(cell('number'));
  const fail = (reason: string): PulledRecord => (externalId === undefined ? { ok: false, raw, reason } : { ok: false, externalId, raw, reason });
  if (externalId === undefined) return fail(`row ${rowNumber}: missing number`);

  const body = typeof cell('text') === 'string' ? (cell('text') as string) : label('text');
  if (body === undefined) return fail(`row ${rowNumber}: missing text`);
  const problem = textProblem(body, ctx.config.records.maxTextLength);
  if (problem) return fail(`row ${rowNumber}: ${problem}`);

  const ts: TimestampOptions = { defaultOffset: ctx.config.records.defaultOffset, dayFirst: ctx.config.records.dayFirst, now: ctx.now };
  const reported = timeOf(cell('reportedAt'), ts);
  if (!reported.ok) return fail(`row ${rowNumber}: reportedAt: ${reported.reason}`);
  const optionalTime = (key: ColumnKey): ParsedTimestamp | undefined => (cell(key) === undefined || cell(key) === null || cell(key) === '' ? undefined : timeOf(cell(key), ts));
  const replied = optionalTime('repliedAt');
  const updated = optionalTime('updatedAt');
  for (const [key, t] of [['repliedAt', replied], ['updatedAt', updated]] as const) if (t && !t.ok) return fail(`row ${rowNumber}: ${key}: ${t.reason}`);
  const flags = { secret: toFlag(cell('secret') ?? null), anonymous: toFlag(cell('anonymous') ?? null) };
  for (const [key, value] of Object.entries(flags)) if (value === undefined) return fail(`row ${rowNumber}: ${key} flag not understood: ${JSON.stringify(cell(key as ColumnKey))}`);

  const replyText = typeof cell('reply') === 'string' ? (cell('reply') as string) : label('reply');
  const hasReply = replyText !== undefined && !NO_REPLY.has(replyText.trim().toLowerCase());
  const times = [reported, replied, updated].flatMap((t) => (t?.ok ? [t] : []));
  const latest = times.reduce((a, b) => (b.ms > a.ms ? b : a));
  const sourceStatus = label('status');
  const trackingId = toId(cell('trackingId'))?.replace(/\s+/g, '');
  const sender = label('sender');
  const phone = label('phone');

  const input: ComplaintDraftInput = {
    externalId,
    crossRefs: trackingId && /^\d{4,15}$/.test(trackingId) ? [{ system: 'lapor', externalId: trackingId }] : [],
    classification: ctx.config.classificationMap[label('classification') ?? ''],
    title: label('title'),
    body,
    category: label('category') ? { name: label('category') } : undefined,
    opd: label('forwardedTo') ? { name: label('forwardedTo') } : undefined,
    location: label('location') ? { text: label('location') } : undefined,
    reporter: sender || phone ? { name: sender, phone } : undefined,
    rahasia: flags.secret!,
    anonim: flags.anonymous!,
    reportedAt: reported.iso,
    updatedAt: latest.iso,
    sourceStatus,
    status: ctx.status(sourceStatus),
    responses: hasReply ? [{ at: (replied?.ok ? replied : updated?.ok ? updated : reported).iso, by: label('forwardedTo'), text: replyText, kind: 'tindak_lanjut' }] : [],
  };
  const parsed = complaintDraftSchema.safeParse(input);
  if (!parsed.success) return fail(`row ${rowNumber}: draft invalid: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
  return { ok: true, externalId, raw, draft: parsed.data };
}
