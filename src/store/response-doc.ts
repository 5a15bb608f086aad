import { Packr } from 'msgpackr';
import { defined, timeIn, timeOut, type PackedTime } from './packing.js';
import type { OpdResponse } from './responses.js';

/**
 * How an answer is stored in the answers hash: a MessagePack map under one- or two-letter
 * names, times as epoch milliseconds where that gives the same text back, the complaint left
 * out when it is the case's own, the approval time as its distance from the creation (0 for an
 * answer approved when stored: published at its source, or its OPD needs no approval). About
 * half of the JSON it replaced; answers written as JSON before are read as they are and
 * written in this encoding on their next write. No script reads an answer's fields.
 */
const packr = new Packr({
  useRecords: false,
  variableMapSize: true,
  // msgpackr reads this option (README: skipValues); its type declarations do not list it yet.
  ...{ skipValues: [undefined] },
});

/** A JSON answer starts with "{"; a MessagePack map never does. */
const JSON_OPEN = 0x7b;
const STATES: readonly OpdResponse['state'][] = ['draft', 'approved', 'rejected'];

interface Packed {
  i: string;
  c: string;
  /** Only when it is not the case's id. */
  m?: string;
  o?: [source: string, externalId: string, answerId?: string];
  t: string;
  b: string;
  d?: string;
  dc?: string;
  a: PackedTime;
  s: number;
  ab?: string;
  /** Milliseconds after the creation, or the time as text. */
  aa?: number | string;
  f?: boolean;
  rb?: string;
  ra?: PackedTime;
  rr?: string;
  eb?: string;
  ea?: PackedTime;
  n: PackedTime;
  h?: boolean;
}

export function encodeResponse(r: OpdResponse): Buffer {
  const created = timeOut(r.createdAt);
  const approved = r.approvedAt === undefined ? undefined : timeOut(r.approvedAt);
  const packed: Packed = {
    i: r.id,
    c: r.caseId,
    ...(r.complaintId !== r.caseId ? { m: r.complaintId } : {}),
    ...(r.origin
      ? {
          o: r.origin.answerId
            ? [r.origin.source, r.origin.externalId, r.origin.answerId]
            : [r.origin.source, r.origin.externalId],
        }
      : {}),
    t: r.text,
    b: r.by,
    d: r.opd,
    dc: r.opdCode,
    a: timeOut(r.at),
    s: STATES.indexOf(r.state),
    ab: r.approvedBy,
    aa: typeof approved === 'number' && typeof created === 'number' ? approved - created : approved,
    f: r.fromDraft,
    rb: r.rejectedBy,
    ra: r.rejectedAt === undefined ? undefined : timeOut(r.rejectedAt),
    rr: r.rejectReason,
    eb: r.editedBy,
    ea: r.editedAt === undefined ? undefined : timeOut(r.editedAt),
    n: created,
    h: r.historical,
  };
  return packr.pack(packed);
}

/**
 * The stored answer as a plain value for the schema to check; undefined when there is none,
 * and bytes neither encoding reads come back as their text, which the schema refuses.
 */
export function decodeResponse(stored: Buffer | null | undefined): unknown {
  if (!stored || stored.length === 0) return undefined;
  try {
    return stored[0] === JSON_OPEN ? JSON.parse(stored.toString('utf8')) : unpack(packr.unpack(stored) as Packed);
  } catch {
    return stored.toString('utf8');
  }
}

function unpack(p: Packed): Record<string, unknown> {
  const createdAt = timeIn(p.n);
  const approvedAt = typeof p.aa === 'number' ? timeIn(typeof p.n === 'number' ? p.n + p.aa : p.aa) : p.aa;
  return defined({
    id: p.i,
    caseId: p.c,
    complaintId: p.m ?? p.c,
    ...(p.o ? { origin: { source: p.o[0], externalId: p.o[1], ...(p.o[2] ? { answerId: p.o[2] } : {}) } } : {}),
    text: p.t,
    by: p.b,
    opd: p.d,
    opdCode: p.dc,
    at: timeIn(p.a),
    state: STATES[p.s],
    approvedBy: p.ab,
    approvedAt,
    fromDraft: p.f,
    rejectedBy: p.rb,
    rejectedAt: p.ra === undefined ? undefined : timeIn(p.ra),
    rejectReason: p.rr,
    editedBy: p.eb,
    editedAt: p.ea === undefined ? undefined : timeIn(p.ea),
    createdAt,
    historical: p.h,
  });
}
