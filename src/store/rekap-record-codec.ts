import { Packr } from 'msgpackr';
import { timeIn, timeOut, type PackedTime as Time } from './packing.js';
import type { RekapRecord } from './rekap-records.js';

/**
 * How a rekap record is stored in its day hash: a MessagePack array of its fields in a fixed
 * order, times as epoch milliseconds where that gives the same text back, the case id left
 * out when it is the complaint's own (about 40% of the JSON it replaced: the day hashes hold
 * one per complaint, for ever). A record written as JSON before is read as it is.
 */
const packr = new Packr({ useRecords: false });

/** Bumped when the array's layout changes; a reader meeting another layout counts the record unreadable. */
const LAYOUT = 1;
/** A JSON record starts with "{"; a MessagePack array never does (fixarray 0x90–0x9f, array16 0xdc, array32 0xdd). */
const JSON_OPEN = 0x7b;

type Opd = [code: string | null, id: string | null, name: string | null, assignedBy: string];
type Packed = [
  layout: number,
  id: string,
  caseId: string | null,
  source: string,
  externalId: string,
  title: string | null,
  category: [id: string | null, name: string | null] | null,
  classification: string | null,
  rahasia: boolean,
  reportedAt: Time,
  status: string,
  pauses: [from: Time, to: Time | null][] | null,
  opd: Opd | null,
  /** id, kind, at of each response, one after the other. */
  responses: Time[],
  words: string[] | null,
];

export function encodeRekapRecord(r: RekapRecord): Buffer {
  const packed: Packed = [
    LAYOUT,
    r.id,
    r.caseId === r.id ? null : r.caseId,
    r.source,
    r.externalId,
    r.title ?? null,
    r.category ? [r.category.id ?? null, r.category.name ?? null] : null,
    r.classification ?? null,
    r.rahasia,
    timeOut(r.reportedAt),
    r.status,
    r.pauses ? r.pauses.map((p) => [timeOut(p.from), p.to === undefined ? null : timeOut(p.to)]) : null,
    r.opd ? [r.opd.code ?? null, r.opd.id ?? null, r.opd.name ?? null, r.opd.assignedBy] : null,
    r.responses.flatMap((x) => [x.id, x.kind, timeOut(x.at)]),
    r.words ?? null,
  ];
  return packr.pack(packed);
}

/** The record stored; undefined when the bytes are neither layout (the reader counts it unreadable). */
export function decodeRekapRecord(stored: Buffer): RekapRecord | undefined {
  try {
    if (stored[0] === JSON_OPEN) {
      const value = JSON.parse(stored.toString('utf8')) as RekapRecord;
      return typeof value?.id === 'string' && typeof value.caseId === 'string' && Array.isArray(value.responses)
        ? value
        : undefined;
    }
    const p = packr.unpack(stored) as Packed;
    if (!Array.isArray(p) || p[0] !== LAYOUT || typeof p[1] !== 'string') return undefined;
    const [, id, caseId, source, externalId, title, category, classification, rahasia, reportedAt, status] = p;
    const [pauses, opd, responses, words] = [p[11], p[12], p[13], p[14]];
    const record: RekapRecord = {
      id,
      caseId: caseId ?? id,
      source,
      externalId,
      ...(title !== null ? { title } : {}),
      ...(category ? { category: defined({ id: category[0], name: category[1] }) } : {}),
      ...(classification !== null ? { classification: classification as RekapRecord['classification'] } : {}),
      ...(opd
        ? { opd: defined({ code: opd[0], id: opd[1], name: opd[2], assignedBy: opd[3] }) as RekapRecord['opd'] }
        : {}),
      rahasia,
      reportedAt: timeIn(reportedAt),
      status: status as RekapRecord['status'],
      ...(pauses
        ? {
            pauses: pauses.map(([from, to]) =>
              to === null ? { from: timeIn(from) } : { from: timeIn(from), to: timeIn(to) },
            ),
          }
        : {}),
      responses: [],
      ...(words ? { words } : {}),
    };
    for (let i = 0; i + 2 < responses.length; i += 3)
      record.responses.push({
        id: String(responses[i]),
        kind: responses[i + 1] as RekapRecord['responses'][number]['kind'],
        at: timeIn(responses[i + 2]!),
      });
    return record;
  } catch {
    return undefined;
  }
}

/** The object without its null properties. */
function defined<T extends Record<string, unknown>>(o: T): { [K in keyof T]: Exclude<T[K], null> } {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== null)) as { [K in keyof T]: Exclude<T[K], null> };
}
