import { Packr } from 'msgpackr';
import {
  complaintId,
  complaintSchema,
  OPD_DECIDERS,
  responseId,
  type Complaint,
  type Response,
} from '../domain/complaint.js';
import { CLASSIFICATIONS, STATUSES } from '../domain/status.js';
import { cleanText } from '../text/normalize.js';
import { defined, timeIn, timeOut, type PackedTime } from './packing.js';

/**
 * How the ledger stores a complaint document: a MessagePack map (the ledger's Lua reads
 * `version`, `caseId` and `opd.code` with cmsgpack, so those keep their names and shapes),
 * in a compact layout marked `_: 2`. The other properties go under one- or two-letter names,
 * times as epoch milliseconds where that gives the same text back, the answers and notes the
 * source sent as arrays; what can be derived is left out and derived again when read: the id
 * (from source and external id), an answer's id and source (from the complaint), the cleaned
 * text (from the text as sent, on first use, so a reader that never looks at it never pays
 * for it), empty lists and false flags. A property this layout does not know keeps its own
 * name. Documents written before (JSON, or MessagePack maps with the full names) are read as
 * they are and written in this layout on their next write.
 */
const packr = new Packr({
  useRecords: false,
  variableMapSize: true,
  // msgpackr reads this option (README: skipValues); its type declarations do not list it yet.
  ...{ skipValues: [undefined] },
});

const LAYOUT = 2;
/** A JSON document starts with "{"; a MessagePack map never does (fixmap 0x80–0x8f, map16 0xde, map32 0xdf). */
const JSON_OPEN = 0x7b;
const KINDS: readonly Response['kind'][] = ['tindak_lanjut', 'comment', 'status_note'];
const HEX_HASH = /^[0-9a-f]{32}$/;

/** An answer or note of the source: text, kind (its index in KINDS), time, then what may be absent or derived. */
type PackedResponse = [
  text: string,
  kind: number | string,
  at: PackedTime,
  externalId?: string | null,
  by?: string | null,
  /** null: the id derived from the complaint, the source and the external id (or time, kind and text). */
  id?: string | null,
  /** null: the complaint's own source. */
  source?: string | null,
];

interface Packed {
  _: typeof LAYOUT;
  caseId: string;
  version: number;
  opd?: Complaint['opd'];
  /** Only when it is not the id derived from source and external id. */
  i?: string;
  s: string;
  x: string;
  X?: [system: string, externalId: string][];
  k?: Complaint['classification'];
  t?: string;
  /** Only when it is not what cleaning the text as sent gives. */
  B?: string;
  b: string;
  g?: [id: string | null, name: string | null];
  l?: Complaint['location'];
  p?: [hash: string, display: string];
  a?: true;
  r?: true;
  R: PackedTime;
  v: PackedTime;
  u: PackedTime;
  S: Complaint['status'];
  ss?: string;
  P?: [from: PackedTime, to: PackedTime | null][];
  rs?: PackedResponse[];
  A?: string[];
  h?: boolean;
  f?: string[];
  /** A hash of 32 hex digits as base64url; another one as it is under its own name. */
  H?: string;
  contentHash?: string;
}

export function encodeComplaint(c: Complaint): Buffer {
  // Checked here, once per write, so that readComplaint can take this layout as written.
  const checked = complaintSchema.safeParse(c);
  if (!checked.success)
    throw new Error(
      `complaint ${c.id} does not fit the complaint schema: ${checked.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
    );
  // What is left (`unknown`): properties this layout does not know, kept under their names.
  const { id, caseId, source, externalId, crossRefs, classification, title, body, rawBody, category, opd, location } =
    c;
  const { reporter, anonim, rahasia, reportedAt, receivedAt, updatedAt, status, sourceStatus, pauses } = c;
  const { responses, attachments, historical, forwardTo, contentHash, version } = c;
  const unknown = omit(c, KNOWN);
  const packed: Packed = {
    _: LAYOUT,
    caseId,
    version,
    opd,
    ...(id !== complaintId(source, externalId) ? { i: id } : {}),
    s: source,
    x: externalId,
    ...(crossRefs.length > 0 ? { X: crossRefs.map((r): [string, string] => [r.system, r.externalId]) } : {}),
    k: classification,
    t: title,
    ...(cleanText(rawBody) !== body ? { B: body } : {}),
    b: rawBody,
    ...(category ? { g: [category.id ?? null, category.name ?? null] } : {}),
    l: location,
    ...(reporter ? { p: [reporter.hash, reporter.display] } : {}),
    ...(anonim ? { a: true } : {}),
    ...(rahasia ? { r: true } : {}),
    R: timeOut(reportedAt),
    v: timeOut(receivedAt),
    u: timeOut(updatedAt),
    S: status,
    ss: sourceStatus,
    ...(pauses
      ? {
          P: pauses.map((p): [PackedTime, PackedTime | null] => [
            timeOut(p.from),
            p.to === undefined ? null : timeOut(p.to),
          ]),
        }
      : {}),
    ...(responses.length > 0 ? { rs: responses.map((r) => packResponse(c, r)) } : {}),
    ...(attachments.length > 0 ? { A: attachments } : {}),
    h: historical,
    f: forwardTo,
    ...(HEX_HASH.test(contentHash) ? { H: Buffer.from(contentHash, 'hex').toString('base64url') } : { contentHash }),
  };
  return packr.pack({ ...unknown, ...packed });
}

function packResponse(c: Complaint, r: Response): PackedResponse {
  const derived = responseId(c.id, r.source, r.externalId ?? `${r.at}|${r.kind}|${r.text}`);
  const kind = KINDS.indexOf(r.kind);
  const packed: PackedResponse = [
    r.text,
    kind >= 0 ? kind : r.kind,
    timeOut(r.at),
    r.externalId ?? null,
    r.by ?? null,
    r.id === derived ? null : r.id,
    r.source === c.source ? null : r.source,
  ];
  while (packed.length > 3 && packed[packed.length - 1] === null) packed.pop();
  return packed;
}

/**
 * The stored document as a plain value for a schema to check; null when there is none. Bytes
 * that no layout reads come back as their text, which no complaint schema accepts: the reader
 * counts it unreadable instead of failing on it.
 */
export function decodeComplaint(stored: Buffer | null | undefined): unknown {
  return stored ? plainOf(unpackStored(stored)) : null;
}

/**
 * The stored document as a complaint; throws when it is not one. A document of this layout is
 * built back as it is: encodeComplaint, its only writer, checked the complaint against the
 * schema before packing it, and the ledger's scripts never rewrite one. A document of an older
 * layout, or one this layout's fields do not hold, goes through the schema. Reads outnumber
 * writes four to one on ingest, and the schema's check cost as much as the decoding itself.
 */
export function readComplaint(stored: Buffer): Complaint {
  const doc = unpackStored(stored);
  if (isPacked(doc) && holdsLayout(doc)) return unpack(doc) as Complaint;
  return complaintSchema.parse(plainOf(doc));
}

/** A decoded document with the names of the complaint schema, in whichever layout it was stored. */
function plainOf(doc: unknown): unknown {
  return isPacked(doc) ? unpack(doc) : withDerivedBody(doc);
}

function unpackStored(stored: Buffer): unknown {
  try {
    return stored[0] === JSON_OPEN ? JSON.parse(stored.toString('utf8')) : packr.unpack(stored);
  } catch {
    return stored.toString('utf8');
  }
}

function isPacked(doc: unknown): doc is Packed {
  return typeof doc === 'object' && doc !== null && (doc as { _?: unknown })._ === LAYOUT;
}

const isTime = (t: unknown): boolean => typeof t === 'number' || typeof t === 'string';
const oneOf = (values: readonly string[]) => {
  const known = new Set(values);
  return (value: unknown): boolean => typeof value === 'string' && known.has(value);
};
const isStatus = oneOf(STATUSES);
const isClassification = oneOf(CLASSIFICATIONS);
const isDecider = oneOf(OPD_DECIDERS);
const isKind = oneOf(KINDS);
const isPackedKind = (kind: unknown): boolean => (typeof kind === 'number' ? KINDS[kind] !== undefined : isKind(kind));

/**
 * The fields every document of this layout has, of their types, and its named values among
 * those this version knows (a status or an answer kind a later version added is not read on
 * trust): anything else goes through the schema.
 */
function holdsLayout(d: Packed): boolean {
  return (
    typeof d.caseId === 'string' &&
    typeof d.s === 'string' &&
    typeof d.x === 'string' &&
    typeof d.b === 'string' &&
    Number.isInteger(d.version) &&
    d.version >= 1 &&
    isTime(d.R) &&
    isTime(d.v) &&
    isTime(d.u) &&
    isStatus(d.S) &&
    (d.k === undefined || isClassification(d.k)) &&
    (d.opd === undefined || (typeof d.opd === 'object' && d.opd !== null && isDecider(d.opd.assignedBy))) &&
    (d.rs === undefined || (Array.isArray(d.rs) && d.rs.every((r) => Array.isArray(r) && isPackedKind(r[1]))))
  );
}

function unpack(d: Packed): Record<string, unknown> {
  // What is left (`later`): properties a later layout wrote, kept as they are.
  const {
    _: _layout,
    caseId,
    version,
    opd,
    i,
    s,
    x,
    X,
    k,
    t,
    B,
    b,
    g,
    l,
    p,
    a,
    r,
    R,
    v,
    u,
    S,
    ss,
    P,
    rs,
    A,
    ...rest
  } = d;
  const { h, f, H, contentHash, ...later } = rest;
  const id = i ?? complaintId(s, x);
  // Built property by property, leaving out what is absent (as JSON would): no intermediate objects.
  const c: Record<string, unknown> = { ...later, id, caseId, source: s, externalId: x };
  c.crossRefs = X ? X.map(([system, externalId]) => ({ system, externalId })) : [];
  if (k !== undefined) c.classification = k;
  if (t !== undefined) c.title = t;
  if (B !== undefined) c.body = B;
  else derivedBody(c, b);
  c.rawBody = b;
  if (g) c.category = defined({ id: g[0] ?? undefined, name: g[1] ?? undefined });
  if (opd !== undefined) c.opd = opd;
  if (l !== undefined) c.location = l;
  if (p) c.reporter = { hash: p[0], display: p[1] };
  c.anonim = a === true;
  c.rahasia = r === true;
  c.reportedAt = timeIn(R);
  c.receivedAt = timeIn(v);
  c.updatedAt = timeIn(u);
  c.status = S;
  if (ss !== undefined) c.sourceStatus = ss;
  if (P)
    c.pauses = P.map(([from, to]) => (to === null ? { from: timeIn(from) } : { from: timeIn(from), to: timeIn(to) }));
  c.responses = rs ? rs.map((packed) => unpackResponse(id, s, packed)) : [];
  c.attachments = A ?? [];
  if (h !== undefined) c.historical = h;
  if (f !== undefined) c.forwardTo = f;
  c.contentHash = H !== undefined ? Buffer.from(H, 'base64url').toString('hex') : contentHash;
  c.version = version;
  return c;
}

function unpackResponse(complaint: string, ownSource: string, packed: PackedResponse): Response {
  const [text, kindOf, at, externalId, by, id, source] = packed;
  const kind = (typeof kindOf === 'number' ? KINDS[kindOf] : kindOf) as Response['kind'];
  const iso = timeIn(at);
  const from = source ?? ownSource;
  const response = {
    id: id ?? responseId(complaint, from, externalId ?? `${iso}|${kind}|${text}`),
    source: from,
  } as Response;
  if (externalId != null) response.externalId = externalId;
  response.at = iso;
  if (by != null) response.by = by;
  response.text = text;
  response.kind = kind;
  return response;
}

const KNOWN: ReadonlySet<string> = new Set(Object.keys(complaintSchema.shape));

function omit(o: object, names: ReadonlySet<string>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(o).filter(([name]) => !names.has(name)));
}

function withDerivedBody(doc: unknown): unknown {
  if (typeof doc !== 'object' || doc === null || 'body' in doc) return doc;
  const rawBody = (doc as { rawBody?: unknown }).rawBody;
  if (typeof rawBody === 'string') derivedBody(doc, rawBody);
  return doc;
}

/** The cleaned text, derived from the text as sent on first use: a reader that never looks at it never pays for it. */
function derivedBody(doc: object, rawBody: string): void {
  let body: string | undefined;
  Object.defineProperty(doc, 'body', {
    enumerable: true,
    configurable: true,
    get: () => (body ??= cleanText(rawBody)),
  });
}

/**
 * Lua for the ledger's scripts: the stored document (either encoding) as a table, for the
 * fields they compare (version, case, OPD code), which every layout keeps under their names.
 */
export const DECODE_DOC = `
local function decode_doc(doc)
  if string.byte(doc, 1) == ${JSON_OPEN} then return cjson.decode(doc) end
  return cmsgpack.unpack(doc)
end
`;
