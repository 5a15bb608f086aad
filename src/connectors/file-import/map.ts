import { createHash } from 'node:crypto';
import { complaintDraftSchema, type ComplaintDraftInput } from '../../domain/draft.js';
import type { Status } from '../../domain/status.js';
import type { PulledRecord } from '../types.js';
import type { ParsedTimestamp } from '../common/timestamp.js';
import { textProblem } from '../common/text-check.js';
import { toFlag, toId, toLabel } from '../common/values.js';
import type { ColumnIndex } from './columns.js';
import type { ColumnKey, FileImportConfig } from './config.js';
import { timeOfCells, wallClock, type DateRules } from './dates.js';
import type { Cell } from './rows.js';

export interface RowContext {
  config: FileImportConfig;
  columns: ColumnIndex;
  header: readonly string[];
  now: Date;
  status(value: string | undefined): Status | undefined;
}

/** Placeholders people type into an empty reply cell. */
const NO_REPLY = new Set(['', '-', '--', 'belum', 'belum ada', 'n/a', 'na', 'tidak ada']);

/** The row as an object of header → value: what the quarantine keeps and an operator reads. */
export function rowObject(row: readonly Cell[], header: readonly string[], rowNumber: number): Record<string, unknown> {
  const out: Record<string, unknown> = { _row: rowNumber };
  header.forEach((h, i) => {
    const value = row[i];
    if (value !== undefined && value !== null && value !== '')
      out[h || `column ${i + 1}`] = value instanceof Date ? wallClock(value) : value;
  });
  return out;
}

/**
 * The row's key in the ledger: its number, or, when the number is blank or a placeholder
 * ("0", "-"), the number plus a hash of the row's other cells. Rows with a placeholder then
 * stay distinct complaints unless they are true duplicates (same cells), and importing the
 * same file again finds the same keys.
 */
export function rowKey(
  number: string | undefined,
  raw: Record<string, unknown>,
  numberHeader: string | undefined,
  placeholders: ReadonlySet<string>,
): string {
  if (number !== undefined && !placeholders.has(number.toLowerCase())) return number;
  const content = Object.entries(raw).filter(([k]) => k !== '_row' && k !== numberHeader);
  const hash = createHash('sha256').update(JSON.stringify(content)).digest('hex').slice(0, 12);
  return `${number ?? '(blank)'}#${hash}`;
}

export function mapRow(row: readonly Cell[], rowNumber: number, ctx: RowContext): PulledRecord {
  const raw = rowObject(row, ctx.header, rowNumber);
  const { config } = ctx;
  const cell = (key: ColumnKey): Cell | undefined =>
    ctx.columns[key] === undefined ? undefined : row[ctx.columns[key]!];
  const label = (key: ColumnKey) => toLabel(cell(key));
  const placeholders = new Set(config.placeholderNumbers.map((p) => p.trim().toLowerCase()));
  const numberHeader =
    ctx.columns.number === undefined ? undefined : ctx.header[ctx.columns.number] || `column ${ctx.columns.number + 1}`;
  const externalId = rowKey(toId(cell('number'))?.replace(/\s+/g, ' '), raw, numberHeader, placeholders);
  const fail = (reason: string): PulledRecord => ({ ok: false, externalId, raw, reason });

  const body = typeof cell('text') === 'string' ? (cell('text') as string) : label('text');
  if (body === undefined) return fail(`row ${rowNumber}: missing text`);
  const problem = textProblem(body, config.records.maxTextLength);
  if (problem) return fail(`row ${rowNumber}: ${problem}`);

  const rules: DateRules = {
    formats: config.dateFormats,
    timeZone: config.timeZone,
    defaultOffset: config.records.defaultOffset,
    dayFirst: config.records.dayFirst,
    now: ctx.now,
  };
  const reported = timeOfCells(cell('reportedAt'), cell('reportedTime'), rules);
  if (!reported.ok) return fail(`row ${rowNumber}: reportedAt: ${reported.reason}`);
  const optionalTime = (key: ColumnKey, timeKey?: ColumnKey): ParsedTimestamp | undefined => {
    const value = cell(key);
    return value === undefined || value === null || value === ''
      ? undefined
      : timeOfCells(value, timeKey ? cell(timeKey) : undefined, rules);
  };
  const replied = optionalTime('repliedAt', 'repliedTime');
  const updated = optionalTime('updatedAt');
  for (const [key, t] of [
    ['repliedAt', replied],
    ['updatedAt', updated],
  ] as const)
    if (t && !t.ok) return fail(`row ${rowNumber}: ${key}: ${t.reason}`);
  const flags = { secret: toFlag(cell('secret') ?? null), anonymous: toFlag(cell('anonymous') ?? null) };
  for (const [key, value] of Object.entries(flags))
    if (value === undefined)
      return fail(`row ${rowNumber}: ${key} flag not understood: ${JSON.stringify(cell(key as ColumnKey))}`);

  const replyText = typeof cell('reply') === 'string' ? (cell('reply') as string) : label('reply');
  const hasReply = replyText !== undefined && !NO_REPLY.has(replyText.trim().toLowerCase());
  const times = [reported, replied, updated].flatMap((t) => (t?.ok ? [t] : []));
  const latest = times.reduce((a, b) => (b.ms > a.ms ? b : a));
  const sourceStatus = label('status');
  const trackingId = toId(cell('trackingId'))?.replace(/\s+/g, '');
  const sender = label('sender');
  const phone = label('phone');
  const classification = config.classificationMap[label('classification') ?? ''] ?? config.defaultClassification;

  const input: ComplaintDraftInput = {
    externalId,
    crossRefs: trackingId && /^\d{4,15}$/.test(trackingId) ? [{ system: 'lapor', externalId: trackingId }] : [],
    classification,
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
    // A blank or unknown status cell takes the channel's default, when it has one; else triage.
    status: ctx.status(sourceStatus) ?? config.defaultStatus,
    // The reply time is repliedAt, else updatedAt, else the report's own time.
    responses: hasReply
      ? [
          {
            at: (replied?.ok ? replied : updated?.ok ? updated : reported).iso,
            by: label('forwardedTo'),
            text: replyText,
            kind: 'tindak_lanjut',
          },
        ]
      : [],
    ...(config.historical ? { historical: true } : {}),
  };
  const parsed = complaintDraftSchema.safeParse(input);
  if (!parsed.success) return fail(`row ${rowNumber}: draft invalid: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
  return { ok: true, externalId, raw, draft: parsed.data };
}
