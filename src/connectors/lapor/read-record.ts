/**
 * The record schema's success path by hand (schema.ts stays the contract and says why a
 * record fails): zod's unions, catches and transforms were the largest single cost of a
 * poll. Returns what `recordSchema(offset).parse` returns, or undefined when anything is
 * not plainly valid — the caller then asks the schema, so a value this reader refuses is
 * never lost, only described more slowly. Kept equal to the schema by a property test.
 */
import { parseTimestamp } from './time.js';
import type { Position } from './map.js';
import { FALSE, ID, TRUE, type LaporRecord } from './schema.js';

/** Marks a value the reader leaves to the schema. */
const REFUSED = Symbol('refused');
type Read<T> = T | typeof REFUSED;

/** A number as the schema takes one (z.number(): finite). */
function isNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

function id(value: unknown): Read<string> {
  if (typeof value === 'string') {
    const trimmed = value.trim();
    return ID.test(trimmed) ? trimmed : REFUSED;
  }
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0 ? String(value) : REFUSED;
}

function timestamp(value: unknown, offset: string): Read<number> {
  if (typeof value !== 'string') return REFUSED;
  return parseTimestamp(value, offset) ?? REFUSED;
}

function flag(value: unknown): Read<boolean> {
  if (typeof value === 'boolean') return value;
  if (typeof value !== 'string' && !isNumber(value)) return REFUSED;
  const text = String(value).trim().toLowerCase();
  return TRUE.has(text) ? true : FALSE.has(text) ? false : REFUSED;
}

/** Optional text: a string or number, blank or anything else read as absent (never a failure). */
function text(value: unknown): string | undefined {
  const v = typeof value === 'string' ? value : isNumber(value) ? String(value) : undefined;
  return v === undefined || v.trim() === '' ? undefined : v;
}

type Entry = LaporRecord['timeline'][number];

function entry(value: unknown, offset: string): Read<Entry> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return REFUSED;
  const e = value as Record<string, unknown>;
  const at = timestamp(e.at, offset);
  const note = e.note;
  if (at === REFUSED) return REFUSED;
  if (note !== undefined && note !== null && typeof note !== 'string' && !isNumber(note)) return REFUSED;
  const entryId = e.id === undefined ? undefined : id(e.id);
  return {
    id: entryId === REFUSED ? undefined : entryId,
    type: text(e.type),
    at,
    by: text(e.by),
    note: note === undefined || note === null ? '' : String(note),
  };
}

function timeline(value: unknown, offset: string): Read<Entry[]> {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) return REFUSED;
  const out: Entry[] = [];
  for (const item of value) {
    const e = entry(item, offset);
    if (e === REFUSED) return REFUSED;
    out.push(e);
  }
  return out;
}

/** The picked fields of one record (map.ts `extract`) as the schema would return them, or undefined. */
export function readRecord(r: Record<string, unknown>, offset: string): LaporRecord | undefined {
  const trackingId = id(r.trackingId);
  const lastActivityAt = timestamp(r.lastActivityAt, offset);
  const createdAt = timestamp(r.createdAt, offset);
  const anonim = flag(r.anonim);
  const rahasia = flag(r.rahasia);
  const entries = timeline(r.timeline, offset);
  if (
    trackingId === REFUSED ||
    lastActivityAt === REFUSED ||
    createdAt === REFUSED ||
    anonim === REFUSED ||
    rahasia === REFUSED ||
    entries === REFUSED ||
    typeof r.body !== 'string'
  )
    return undefined;
  return {
    trackingId,
    lastActivityAt,
    createdAt,
    body: r.body,
    anonim,
    rahasia,
    title: text(r.title),
    classification: text(r.classification),
    categoryId: text(r.categoryId),
    categoryName: text(r.categoryName),
    location: text(r.location),
    status: text(r.status),
    unitId: text(r.unitId),
    unitName: text(r.unitName),
    reporterName: text(r.reporterName),
    reporterPhone: text(r.reporterPhone),
    reporterEmail: text(r.reporterEmail),
    reporterNik: text(r.reporterNik),
    attachments: Array.isArray(r.attachments) ? r.attachments.filter((v): v is string => typeof v === 'string') : [],
    timeline: entries,
  };
}

/** A record's list position (its id and activity time) as positionSchema reads it, or undefined. */
export function readPosition(trackingId: unknown, lastActivityAt: unknown, offset: string): Position | undefined {
  const read = id(trackingId);
  const t = timestamp(lastActivityAt, offset);
  return read === REFUSED || t === REFUSED ? undefined : { t, id: read };
}
